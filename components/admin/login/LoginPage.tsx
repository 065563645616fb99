import ShieldIcon from "@mui/icons-material/Shield";
import { Box, Typography } from "@mui/material";
import { Login } from "react-admin";
import { LoginForm } from "./LoginForm";

/** The page around the form: a `main` landmark, the product's name and the page's one heading. */
export function LoginPage() {
  return (
    <Box component="main">
      <Login avatarIcon={<ShieldIcon />}>
        <Box sx={{ textAlign: "center", px: 2 }}>
          <Typography variant="overline" component="p" sx={{ fontSize: "1rem", letterSpacing: 2 }} data-testid="product-name">
            Gatehouse
          </Typography>
          <Typography variant="h5" component="h1">
            Sign in to the dashboard
          </Typography>
        </Box>
        <LoginForm />
      </Login>
    </Box>
  );
}
