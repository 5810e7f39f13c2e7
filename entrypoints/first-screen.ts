import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { showFirstScreen } from '#utils/first-screen';

/**
 * The side panel's first script, classic and tiny (sidepanel.html loads it before its modules): draws the
 * inbox as the panel last showed it, so the rep sees it while the app and IndexedDB start (FEATURES D1).
 */
export default defineUnlistedScript(() => {
  showFirstScreen();
});
