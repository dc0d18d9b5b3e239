import { dataTable, figure, section, summaryCards } from './html-components';
import { escapeHtml, html, htmlPage, trustedHtml } from './html-document';

describe('escapeHtml', () => {
  it('escapes the five characters that can end text or an attribute', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });
});

describe('html', () => {
  it('escapes every interpolated string and number but keeps the template literal as markup', () => {
    const name = '<img src=x onerror=alert(1)>';
    expect(html`<td class="a">${name}</td>`.toString()).toBe(
      '<td class="a">&lt;img src=x onerror=alert(1)&gt;</td>',
    );
    expect(html`<td>${0.5}</td>`.toString()).toBe('<td>0.5</td>');
  });

  it('inserts nested html and trusted markup once, without escaping it again', () => {
    const inner = html`<b>${'a & b'}</b>`;
    expect(html`<p>${inner}${trustedHtml('<svg></svg>')}</p>`.toString()).toBe(
      '<p><b>a &amp; b</b><svg></svg></p>',
    );
  });

  it('joins arrays and renders nothing for null, undefined and false', () => {
    expect(html`${['<', html`<i></i>`, null, undefined, false]}`.toString()).toBe('&lt;<i></i>');
  });
});

describe('htmlPage', () => {
  const page = htmlPage({ title: 'Report <script>alert(1)</script>', subtitle: 'by "me"', body: html`<p>x</p>` });

  it('escapes the title in <title> and <h1>', () => {
    expect(page).toContain('<title>Report &lt;script&gt;alert(1)&lt;/script&gt;</title>');
    expect(page).toContain('<h1>Report &lt;script&gt;alert(1)&lt;/script&gt;</h1>');
    expect(page).toContain('by &quot;me&quot;');
  });

  it('is self-contained: no script, no link, no URL, and a CSP that forbids loading anything', () => {
    expect(page).not.toMatch(/<script|<link|<img|\bsrc=|\bhref=|https?:|url\(/i);
    expect(page).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
    expect(page.startsWith('<!doctype html>')).toBe(true);
  });
});

describe('dataTable', () => {
  it('escapes a column name such as <script> and the cells', () => {
    const table = dataTable({
      caption: 'a < b',
      columns: [{ header: '<script>alert(1)</script>' }, { header: 'rows', numeric: true }],
      rows: [['"quoted"', 12]],
    }).toString();
    expect(table).not.toContain('<script>');
    expect(table).toContain('<th scope="col">&lt;script&gt;alert(1)&lt;/script&gt;</th>');
    expect(table).toContain('<td>&quot;quoted&quot;</td>');
    expect(table).toContain('<caption>a &lt; b</caption>');
  });

  it('right-aligns numeric columns and highlights the given rows', () => {
    const table = dataTable({
      columns: [{ header: 'threshold', numeric: true }, { header: 'note' }],
      rows: [
        ['0.4', 'a'],
        ['0.5', 'b'],
      ],
      highlightRows: [1],
    }).toString();
    expect(table).toContain('<th scope="col" class="num">threshold</th><th scope="col">note</th>');
    expect(table).toContain('<tr><td class="num">0.4</td><td>a</td></tr>');
    expect(table).toContain('<tr class="highlight"><td class="num">0.5</td><td>b</td></tr>');
  });
});

describe('summaryCards, section and figure', () => {
  it('escape labels, values, titles and captions', () => {
    const markup = html`${section(
      'A & B',
      'ab',
      summaryCards([{ label: '<l>', value: '<v>', detail: '<d>', change: '<c>', tone: 'bad' }]),
      figure(trustedHtml('<svg></svg>'), 'Caption "q"'),
    )}`.toString();
    expect(markup).toContain('<h2>A &amp; B</h2>');
    expect(markup).toContain('<div class="card-label">&lt;l&gt;</div><div class="card-value">&lt;v&gt;</div>');
    expect(markup).toContain('<div class="card-detail">&lt;d&gt;</div><div class="card-change bad">&lt;c&gt;</div>');
    expect(markup).toContain(
      '<figure aria-label="Caption &quot;q&quot;"><svg></svg><figcaption>Caption &quot;q&quot;</figcaption></figure>',
    );
  });
});
