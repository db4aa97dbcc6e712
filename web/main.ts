// Entry point of the web sandbox: registers the components (the page is <swarm-app>).
import './components/swarm-app.js';
