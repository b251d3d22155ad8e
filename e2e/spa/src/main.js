// A single-page site as marketing runs them: React with client-side routing.
// The article page renders <readiness-assessment>; the home page does not.
// The loader is added once, like Next.js's <Script src> (next/script), and
// stays for every route. No JSX (no build plugin needed): createElement.
import { createElement as h } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Link, Route, Routes } from 'react-router';

const loader = document.createElement('script');
loader.type = 'module';
loader.src = '/widget/embed.js';
document.head.append(loader);

function Nav() {
  return h('nav', null, h(Link, { to: '/', id: 'to-home' }, 'Home'), ' · ', h(Link, { to: '/article', id: 'to-article' }, 'Article'), ' · ', h(Link, { to: '/plain', id: 'to-plain' }, 'Plain article'));
}

function Home() {
  return h('main', { id: 'home' }, h('h1', null, 'Home'), h('p', null, 'Our articles.'));
}

function Article() {
  return h(
    'main',
    { id: 'article' },
    h('h1', null, '5 signs your startup is ready to hire a remote backend contractor'),
    h('p', null, 'Before you hire, check where you stand.'),
    h('readiness-assessment', {
      instance: 'spa',
      endpoint: '/contact',
      lazy: 'false',
      'fallback-contact': 'mailto:hello@example.com',
    }),
    h('p', null, 'The end of the article.'),
  );
}

// The same article without the widget: the test's control for what navigation alone costs.
function Plain() {
  return h('main', { id: 'plain' }, h('h1', null, 'An article without the check'), h('p', null, 'Text.'));
}

function App() {
  return h(BrowserRouter, null, h(Nav), h(Routes, null, h(Route, { path: '/', element: h(Home) }), h(Route, { path: '/article', element: h(Article) }), h(Route, { path: '/plain', element: h(Plain) })));
}

createRoot(document.getElementById('root')).render(h(App));
