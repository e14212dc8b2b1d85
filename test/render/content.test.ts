import { describe, expect, it } from "vitest";
import { derivativeLine, type Markup } from "../../src/render/content.js";
import { derivative } from "./build-summary.js";

const plain: Markup = { text: (s) => s, strong: (s) => s };

describe("derivativeLine", () => {
  it("states a real exercise price", () => {
    const line = derivativeLine(
      derivative({ security: "Stock Option", shares: 10_000, exercisePrice: 12, source: "table" }),
      plain,
    );
    expect(line).toBe("10,000 Stock Option at $12.00");
  });

  it("leaves out a stated $0 conversion price (convertible classes, RSUs)", () => {
    const line = derivativeLine(
      derivative({
        security: "Class B Common Stock",
        shares: 8_635,
        exercisePrice: 0,
        source: "table",
      }),
      plain,
    );
    expect(line).toBe("8,635 Class B Common Stock");
  });
});
