// Progressive enhancement only: every page works without this file.
import { initAll } from "./govuk-frontend.min.js";
import { initKioskIdle } from "./kiosk.mjs";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();
initKioskIdle();
