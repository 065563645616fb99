import { defaultTheme, type RaThemeOptions } from "react-admin";

// Grey at half opacity (react-admin's empty, not-found and access-denied pages) reads 2:1 to 3:1.
const readableMessage = { opacity: 1, color: "rgba(0, 0, 0, 0.65)" };

/**
 * react-admin's default theme with colours that reach WCAG AA contrast: its blue app bar
 * (3.1:1 under white), its text buttons on the page and form toolbar backgrounds (3.5:1) and
 * its red on grey fell short. Every pair below is at least 4.5:1.
 */
export const theme: RaThemeOptions = {
  ...defaultTheme,
  palette: {
    ...defaultTheme.palette,
    primary: { main: "#1565c0" },
    secondary: { main: "#1565c0", light: "#5e92f3", dark: "#003c8f", contrastText: "#fff" },
    error: { main: "#c62828" },
  },
  components: {
    ...defaultTheme.components,
    MuiCheckbox: {
      defaultProps: {
        // react-admin puts a row checkbox's aria-label on MUI's wrapping <span>, which may not
        // carry one, and leaves the <input> unnamed: move the name onto the input.
        slotProps: {
          root: { "aria-label": undefined },
          input: (ownerState: { "aria-label"?: string }) => ({ "aria-label": ownerState["aria-label"] }),
        },
      },
    },
    RaToolbar: { styleOverrides: { root: { backgroundColor: "#f5f5f5" } } },
    // A collapsed bulk toolbar is zero pixels tall, but its buttons still took focus.
    RaBulkActionsToolbar: { styleOverrides: { root: { "& .RaBulkActionsToolbar-collapsed": { visibility: "hidden" } } } },
    RaEmpty: { styleOverrides: { root: { "& .RaEmpty-message": readableMessage } } },
    RaNotFound: { styleOverrides: { root: { "& .RaNotFound-message": readableMessage } } },
    RaAccessDenied: { styleOverrides: { root: { "& .RaAccessDenied-message": readableMessage } } },
    RaAuthenticationError: { styleOverrides: { root: { "& .RaAuthenticationError-message": readableMessage } } },
  },
};
