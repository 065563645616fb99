import { fifteenTests } from "./shared-admin";

fifteenTests("worker file 3");
