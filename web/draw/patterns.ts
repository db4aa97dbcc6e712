// SVG pattern definitions shared by timelines: dots, hatch, lines, cross (states told apart without colour).
import { svg } from 'lit';

export const patternDefs = (prefix: string) => svg`
  <defs>
    <pattern id="${prefix}-dots" width="6" height="6" patternUnits="userSpaceOnUse">
      <circle cx="3" cy="3" r="1.2" fill="rgba(0,0,0,.45)"></circle>
    </pattern>
    <pattern id="${prefix}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
      <line x1="0" y1="0" x2="0" y2="6" stroke="rgba(0,0,0,.4)" stroke-width="2"></line>
    </pattern>
    <pattern id="${prefix}-lines" width="6" height="5" patternUnits="userSpaceOnUse">
      <line x1="0" y1="2" x2="6" y2="2" stroke="rgba(0,0,0,.4)" stroke-width="1.5"></line>
    </pattern>
    <pattern id="${prefix}-cross" width="6" height="6" patternUnits="userSpaceOnUse">
      <path d="M0 0L6 6M6 0L0 6" stroke="rgba(0,0,0,.5)" stroke-width="1.2"></path>
    </pattern>
  </defs>`;
