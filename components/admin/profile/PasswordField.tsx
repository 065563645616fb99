import Visibility from "@mui/icons-material/Visibility";
import VisibilityOff from "@mui/icons-material/VisibilityOff";
import { IconButton, InputAdornment, TextField, type TextFieldProps } from "@mui/material";
import { useState } from "react";

/** A password text field with a show/hide toggle, like react-admin's PasswordInput on the user forms. */
export function PasswordField(props: Omit<TextFieldProps, "type">) {
  const [visible, setVisible] = useState(false);
  const toggle = (
    <InputAdornment position="end">
      <IconButton aria-label={visible ? "Hide password" : "Show password"} onClick={() => setVisible(!visible)} edge="end" size="small">
        {visible ? <VisibilityOff /> : <Visibility />}
      </IconButton>
    </InputAdornment>
  );
  return <TextField {...props} type={visible ? "text" : "password"} slotProps={{ ...props.slotProps, input: { endAdornment: toggle } }} />;
}
