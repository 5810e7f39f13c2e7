import { createPinia } from 'pinia';
import { createApp } from 'vue';
import { t, uiLanguage } from '#utils/i18n';
import '../../assets/parley.css';
import '../../assets/console.css';
import App from './App.vue';

// Screen readers pick the voice from <html lang>; match the language t() answers in.
document.documentElement.lang = uiLanguage();
document.title = t('settingsTitle');
createApp(App).use(createPinia()).mount('#app');
