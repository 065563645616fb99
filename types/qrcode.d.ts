/** The part of `qrcode` (1.5, which ships no types) the dashboard uses: an SVG drawn in the browser. */
declare module "qrcode" {
  interface ToStringOptions {
    type?: "svg" | "utf8" | "terminal";
    errorCorrectionLevel?: "L" | "M" | "Q" | "H";
    margin?: number;
    width?: number;
  }
  export function toString(text: string, options?: ToStringOptions): Promise<string>;
  const QRCode: { toString: typeof toString };
  export default QRCode;
}
