import { api } from "./api";
import { chat } from "./realtime";

// The site reads no `Resource`: it only hands the browser the two URLs, so it is
// linked to nothing (a link would give its public server function their rights).
export const web = new sst.aws.Nextjs("Web", {
  path: "packages/web",
  environment: {
    NEXT_PUBLIC_API_URL: api.url,
    NEXT_PUBLIC_WS_URL: chat.url,
  },
});
