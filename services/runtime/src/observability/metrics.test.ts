import { describe, expect, it } from 'vitest';
import { metricsRegistry, scrapedGauge } from './metrics.js';

describe('a gauge read at the scrape', () => {
  it('reads its value when scraped, and a service started again in the process replaces the reader', async () => {
    scrapedGauge('onewindow_test_gauge', 'a test', ['department'], async () => [[{ department: 'market' }, 1]]);
    expect(await metricsRegistry.metrics()).toContain('onewindow_test_gauge{department="market"} 1');
    scrapedGauge('onewindow_test_gauge', 'a test', ['department'], async () => [[{ department: 'market' }, 2]]);
    expect(await metricsRegistry.metrics()).toContain('onewindow_test_gauge{department="market"} 2');
    metricsRegistry.removeSingleMetric('onewindow_test_gauge');
  });
});
