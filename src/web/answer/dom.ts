/** A tiny element builder: the answering page stays free of the app's framework bundle. */
type Attrs = Record<string, string | boolean | undefined>;

export function h(tag: string, attrs: Attrs = {}, ...children: (Node | string | null)[]): HTMLElement {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    el.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children) if (child !== null) el.append(child);
  return el;
}

const FACES: Record<string, string> = {
  happy: 'M8 14 Q12 18 16 14',
  neutral: 'M8 15 L16 15',
  sad: 'M8 16 Q12 12 16 16',
  unknown: 'M10 9 Q12 6 14 9 Q14 11 12 12 L12 14 M12 16.5 L12 17',
};

/** A pictogram face drawn inline (no image requests); decorative, the option's text says it all. */
export function pictogram(name: string): SVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', `face face-${name}`);
  const circle = document.createElementNS(ns, 'circle');
  for (const [k, v] of Object.entries({ cx: '12', cy: '12', r: '10.5' })) circle.setAttribute(k, v);
  svg.append(circle);
  if (name !== 'unknown') {
    for (const cx of ['8.5', '15.5']) {
      const eye = document.createElementNS(ns, 'circle');
      for (const [k, v] of Object.entries({ cx, cy: '9', r: '1.3', class: 'eye' })) eye.setAttribute(k, v);
      svg.append(eye);
    }
  }
  const mouth = document.createElementNS(ns, 'path');
  mouth.setAttribute('d', FACES[name] ?? '');
  svg.append(mouth);
  return svg;
}
