import { createPinia } from 'pinia';
import { createApp } from 'vue';
import { browser } from 'wxt/browser';
import { uiLanguage } from '#utils/i18n';
import '../../assets/parley.css';
import { SIDE_PANEL_PORT } from '#utils/viewers';
import App from './App.vue';

// Screen readers pick the voice from <html lang>; match the language t() answers in.
document.documentElement.lang = uiLanguage();
createApp(App).use(createPinia()).mount('#app');

// Held open while the panel lives: when it closes, the worker tells the hub this rep stopped viewing.
browser.runtime.connect({ name: SIDE_PANEL_PORT });
