// An HTML approximation of how Slack lays out Block Kit (message, unfurl, modal, Home tab), for
// `npm run preview` to screenshot. Pure: JSON in, HTML out. Close enough to judge height, wrapping
// and emphasis at desktop and phone widths; not Slack's exact pixels (its font is Lato, ours the
// metric-compatible Liberation Sans; emoji from Noto Color Emoji).

type Json = Record<string, unknown>;

export type Surface =
  | { kind: "message"; blocks: unknown[]; text?: string }
  | { kind: "unfurl"; link: string; blocks: unknown[] }
  | { kind: "modal"; view: Json }
  | { kind: "home"; view: Json };

function escapeHtml(s: string): string {
  return s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/** Slack's entities back to characters (mrkdwn arrives with &amp; &lt; &gt;). */
function unescapeSlack(s: string): string {
  return s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

/** Inline mrkdwn (already Slack-escaped) → HTML: links, *bold*, _italic_, ~strike~, `code`. */
export function mrkdwnToHtml(text: string): string {
  // Links and mentions first: <url|label>, <url>, <#C123>, <!here>.
  const parts: string[] = [];
  let last = 0;
  for (const m of text.matchAll(/<([^<>|]+)(?:\|([^<>]+))?>/g)) {
    parts.push(inline(text.slice(last, m.index)));
    const target = m[1] ?? "";
    const label = m[2];
    if (target.startsWith("#"))
      parts.push(`<span class="mention">#${escapeHtml(target.slice(1))}</span>`);
    else if (target.startsWith("!") || target.startsWith("@"))
      parts.push(`<span class="mention">@${escapeHtml(target.slice(1))}</span>`);
    else
      parts.push(`<a href="${escapeHtml(unescapeSlack(target))}">${inline(label ?? target)}</a>`);
    last = (m.index ?? 0) + m[0].length;
  }
  parts.push(inline(text.slice(last)));
  return parts.join("").replace(/\n/g, "<br>");
}

/** The emoji shortcodes our messages use, as Slack shows them (unknown ones stay as typed). */
const EMOJI: Record<string, string> = {
  warning: "⚠️",
  bell: "🔔",
  memo: "📝",
  hourglass_flowing_sand: "⏳",
  busts_in_silhouette: "👥",
  arrows_counterclockwise: "🔄",
};

/** `:warning:` → ⚠️, outside code spans (Slack leaves shortcodes in code as typed). */
function emoji(html: string): string {
  return html
    .split(/(<code>.*?<\/code>)/)
    .map((part, i) =>
      i % 2 === 1 ? part : part.replace(/:([a-z_]+):/g, (all, name: string) => EMOJI[name] ?? all),
    )
    .join("");
}

function inline(slackText: string): string {
  let html = escapeHtml(unescapeSlack(slackText));
  html = html.replace(/`([^`\n]+)`/g, "<code>$1</code>");
  html = emoji(html);
  html = html.replace(/(^|[\s(>])\*([^*\n]+)\*(?=$|[\s).,:;!?<])/g, "$1<b>$2</b>");
  html = html.replace(/(^|[\s(>])_([^_\n]+)_(?=$|[\s).,:;!?<])/g, "$1<i>$2</i>");
  html = html.replace(/(^|[\s(>])~([^~\n]+)~(?=$|[\s).,:;!?<])/g, "$1<s>$2</s>");
  return html;
}

function textObject(t: unknown): string {
  if (!t || typeof t !== "object") return "";
  const o = t as Json;
  const text = typeof o.text === "string" ? o.text : "";
  return o.type === "mrkdwn" ? mrkdwnToHtml(text) : escapeHtml(text).replace(/\n/g, "<br>");
}

function button(el: Json): string {
  const style = el.style === "primary" ? " primary" : el.style === "danger" ? " danger" : "";
  return `<span class="button${style}">${textObject(el.text)}</span>`;
}

function element(el: unknown): string {
  const e = (el ?? {}) as Json;
  if (e.type === "button") return button(e);
  if (e.type === "image") return `<span class="image"></span>`;
  return `<span class="unknown">${escapeHtml(String(e.type))}</span>`;
}

/** One block → HTML. Unknown kinds are shown as such, never dropped silently. */
export function blockToHtml(block: unknown): string {
  const b = (block ?? {}) as Json;
  switch (b.type) {
    case "header":
      return `<div class="header">${textObject(b.text)}</div>`;
    case "section": {
      const fields = Array.isArray(b.fields)
        ? `<div class="fields">${b.fields.map((f) => `<div>${textObject(f)}</div>`).join("")}</div>`
        : "";
      const accessory = b.accessory ? `<div class="accessory">${element(b.accessory)}</div>` : "";
      return `<div class="section">${accessory}<div class="text">${textObject(b.text)}</div>${fields}</div>`;
    }
    case "context": {
      const els = Array.isArray(b.elements) ? b.elements : [];
      return `<div class="context">${els.map((e) => `<span>${textObject(e)}</span>`).join("")}</div>`;
    }
    case "actions": {
      const els = Array.isArray(b.elements) ? b.elements : [];
      return `<div class="actions">${els.map(element).join("")}</div>`;
    }
    case "divider":
      return `<hr class="divider">`;
    default:
      return `<div class="unknown">[${escapeHtml(String(b.type))} block]</div>`;
  }
}

const CSS = `
* { box-sizing: border-box; }
body { margin: 0; background: #fff; color: #1d1c1d; font: 15px/1.46668 "Liberation Sans", Arial, "Noto Color Emoji", sans-serif; }
a { color: #1264a3; text-decoration: none; }
code { font: 12px "DejaVu Sans Mono", monospace; color: #c01343; background: #f8f8f8; border: 1px solid #e8e8e8; border-radius: 3px; padding: 1px 3px; }
.channel { padding: 8px 0; }
.msg { display: flex; padding: 8px 20px; }
.avatar { width: 36px; height: 36px; border-radius: 6px; background: #2b6e4f; color: #fff; font-weight: bold; display: flex; align-items: center; justify-content: center; flex: none; margin-right: 8px; font-size: 13px; }
.body { min-width: 0; flex: 1; }
.who { font-weight: 900; }
.who .app { font-size: 10px; font-weight: bold; color: #616061; background: #e8e8e8; border-radius: 2px; padding: 1px 3px; margin-left: 4px; vertical-align: 2px; }
.who .time { font-weight: normal; color: #616061; font-size: 12px; margin-left: 6px; }
.section { margin: 4px 0; overflow-wrap: anywhere; }
.section::after { content: ""; display: block; clear: both; }
.accessory { float: right; margin-left: 12px; }
.fields { display: grid; grid-template-columns: 1fr 1fr; gap: 4px 16px; }
.header { font-size: 18px; font-weight: 900; margin: 8px 0 4px; }
.context { color: #616061; font-size: 12px; line-height: 1.5; margin: 4px 0; overflow-wrap: anywhere; }
.context span + span { margin-left: 8px; }
.actions { margin: 8px 0 4px; display: flex; flex-wrap: wrap; gap: 8px; }
.button { display: inline-block; border: 1px solid #bbbabb; border-radius: 4px; padding: 0 12px; height: 28px; line-height: 26px; font-size: 13px; font-weight: bold; white-space: nowrap; background: #fff; }
.button.primary { background: #007a5a; color: #fff; border-color: #007a5a; }
.divider { border: 0; border-top: 1px solid #dddddd; margin: 12px 0; }
.unknown { color: #e01e5a; }
.link { color: #1264a3; overflow-wrap: anywhere; }
.unfurl { border-left: 4px solid #dddddd; padding-left: 12px; margin-top: 6px; }
.backdrop { background: rgba(0,0,0,.55); min-height: 100vh; padding: 24px 16px; }
.modal { background: #fff; border-radius: 8px; max-width: 520px; margin: 0 auto; box-shadow: 0 18px 48px rgba(0,0,0,.35); }
.modal .title { display: flex; justify-content: space-between; align-items: center; padding: 16px 24px; font-size: 22px; font-weight: 900; border-bottom: 1px solid #dddddd; }
.modal .x { font-weight: normal; color: #616061; font-size: 20px; }
.modal .content { padding: 8px 24px 16px; }
.modal .foot { border-top: 1px solid #dddddd; padding: 16px 24px; text-align: right; }
.home .tabs { padding: 12px 24px; border-bottom: 1px solid #dddddd; font-weight: 900; font-size: 18px; }
.home .tabs span { font-weight: bold; font-size: 14px; color: #616061; margin-left: 16px; }
.home .content { padding: 8px 24px 24px; max-width: 900px; }
@media (max-width: 480px) {
  .msg { padding: 8px 12px; }
  .backdrop { padding: 0; }
  .modal { border-radius: 0; box-shadow: none; min-height: 100vh; }
  .modal .title { padding: 12px 16px; font-size: 18px; }
  .modal .content { padding: 8px 16px; }
  .home .content { padding: 8px 16px 16px; }
}
`;

function messageShell(inner: string): string {
  return `<div class="channel"><div class="msg" id="surface"><div class="avatar">F4</div><div class="body"><div class="who">form4<span class="app">APP</span><span class="time">6:02 PM</span></div>${inner}</div></div></div>`;
}

/** A whole page for one surface; the element with id "surface" is what is measured. */
export function surfaceHtml(surface: Surface, title = "form4 preview"): string {
  let body: string;
  const blocks = (list: unknown): string =>
    Array.isArray(list) ? list.map(blockToHtml).join("\n") : "";
  switch (surface.kind) {
    case "message":
      body = messageShell(blocks(surface.blocks));
      break;
    case "unfurl":
      body = `<div class="channel"><div class="msg" id="surface"><div class="avatar" style="background:#6b4fbb">AN</div><div class="body"><div class="who">analyst<span class="time">6:01 PM</span></div><div><a class="link">${escapeHtml(surface.link)}</a></div><div class="unfurl">${blocks(surface.blocks)}</div></div></div></div>`;
      break;
    case "modal": {
      const v = surface.view;
      body = `<div class="backdrop"><div class="modal" id="surface"><div class="title"><span>${textObject(v.title)}</span><span class="x">\u2715</span></div><div class="content">${blocks(v.blocks)}</div><div class="foot"><span class="button">${textObject(v.close) || "Close"}</span></div></div></div>`;
      break;
    }
    case "home":
      body = `<div class="home" id="surface"><div class="tabs">form4<span>Home</span><span>About</span></div><div class="content">${blocks(surface.view.blocks)}</div></div>`;
      break;
  }
  return `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(title)}</title><style>${CSS}</style></head><body>${body}</body></html>`;
}
