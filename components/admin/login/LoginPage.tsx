import { Login } from "react-admin";
import { LoginForm } from "./LoginForm";

export function LoginPage() {
  return (
    <Login>
      <LoginForm />
    </Login>
  );
}
