import { type Theme, useMediaQuery } from "@mui/material";

/** Below MUI's `sm` breakpoint (600 px), where tables give way to one-column lists. */
export function useIsSmall(): boolean {
  return useMediaQuery<Theme>((theme) => theme.breakpoints.down("sm"));
}
