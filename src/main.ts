import { mount } from 'svelte';
import App from './ui/App.svelte';
import { i18n } from './i18n/i18n.svelte';
import './ui/styles/app.css';

i18n.init();
const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');
mount(App, { target });
