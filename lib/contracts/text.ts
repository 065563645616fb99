import { z } from "zod";

// A lone surrogate cannot be stored or encoded as UTF-8; databases and drivers refuse it.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// C0 and C1 controls, DEL included: never part of a name, a number or a search.
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;

export const isWellFormed = (text: string) => !LONE_SURROGATE.test(text);

/** A single line of text a person typed: well-formed Unicode without control characters. */
export const lineText = () =>
  z
    .string()
    .refine(isWellFormed, "Not valid Unicode text")
    .refine((text) => !CONTROL.test(text), "Control characters are not allowed");

/** A secret: any well-formed text but NUL, which some bcrypt implementations stop at. */
export const secretText = () =>
  z
    .string()
    .refine(isWellFormed, "Not valid Unicode text")
    .refine((text) => !text.includes("\u0000"), "NUL characters are not allowed");
