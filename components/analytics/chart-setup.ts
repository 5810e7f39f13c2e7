import { BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { MatrixController, MatrixElement } from 'chartjs-chart-matrix';

/**
 * Chart.js, registered once with only the parts the Analytics screen draws (FEATURES H4): stacked bars
 * for the trend and chartjs-chart-matrix for the hours of the week. Animations off: the figures
 * are read, not watched, and a chart that moves is harder to read with a magnifier.
 */
Chart.register(BarElement, CategoryScale, LinearScale, Legend, Tooltip, MatrixController, MatrixElement);
Chart.defaults.animation = false;

/** Colours that keep apart for the common colour-vision deficiencies (Okabe–Ito). */
export const SERIES_COLOURS = {
  answered: '#0072B2',
  missed: '#E69F00',
  abandoned: '#D55E00',
  unanswered: '#999999',
} as const;
