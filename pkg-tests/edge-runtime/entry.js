// What Next.js' edge adapter does for the route: every request to the route's POST.
import { POST } from "./route.js";

addEventListener("fetch", (event) => event.respondWith(POST(event.request)));
