import PeopleIcon from "@mui/icons-material/People";
import { UserCreate } from "./UserCreate";
import { UserEdit } from "./UserEdit";
import { UserList } from "./UserList";
import { UserShow } from "./UserShow";

const users = { list: UserList, show: UserShow, create: UserCreate, edit: UserEdit, icon: PeopleIcon, recordRepresentation: "username" };

export default users;
