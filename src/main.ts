import { mount } from 'svelte';
import App from './ui/App.svelte';
import { i18n } from './i18n/i18n.svelte';
import './ui/styles/app.css';

i18n.init();
// Harmless to show, and it tells which version a page runs after an update.
document.documentElement.dataset.build = __BUILD_ID__;
const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');
mount(App, { target });
