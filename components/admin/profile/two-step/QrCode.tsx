import { Box, Skeleton } from "@mui/material";
import QRCode from "qrcode";
import { useEffect, useState } from "react";

const SIZE = 200;

/**
 * The otpauth URI as a QR code, drawn here in the browser: no image service sees the secret.
 * The SVG goes in as an image (img-src allows data:), so nothing in it can run under the CSP.
 */
export function QrCode({ uri }: { uri: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 2 }).then((svg) => live && setSrc(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`));
    return () => {
      live = false;
    };
  }, [uri]);
  return (
    <Box sx={{ width: SIZE, height: SIZE, bgcolor: "#fff", alignSelf: "center" }}>
      {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL drawn here; next/image has nothing to optimise */}
      {src ? <img src={src} width={SIZE} height={SIZE} alt="QR code to scan with your authenticator app" data-testid="totp-qr" /> : <Skeleton variant="rectangular" width={SIZE} height={SIZE} />}
    </Box>
  );
}
