import { histogramDelta, histogramQuantile, readHistogram, summariseLatency } from './latency-histogram';
import { parsePrometheusSamples } from './prometheus-text';

const page = (
  fast: number,
  slow: number,
  other = 0,
) => `# HELP legalaid_serving_request_duration_seconds Request latency
# TYPE legalaid_serving_request_duration_seconds histogram
legalaid_serving_request_duration_seconds_bucket{le="0.001",route="/v2/models/:model/infer"} ${fast}
legalaid_serving_request_duration_seconds_bucket{le="0.01",route="/v2/models/:model/infer"} ${fast + slow}
legalaid_serving_request_duration_seconds_bucket{le="+Inf",route="/v2/models/:model/infer"} ${fast + slow}
legalaid_serving_request_duration_seconds_sum{route="/v2/models/:model/infer"} 1
legalaid_serving_request_duration_seconds_count{route="/v2/models/:model/infer"} ${fast + slow}
legalaid_serving_request_duration_seconds_bucket{le="0.001",route="/metrics"} 0
legalaid_serving_request_duration_seconds_bucket{le="0.01",route="/metrics"} 0
legalaid_serving_request_duration_seconds_bucket{le="+Inf",route="/metrics"} ${other}
legalaid_serving_request_duration_seconds_sum{route="/metrics"} 0
legalaid_serving_request_duration_seconds_count{route="/metrics"} ${other}
`;

describe('latency from the serving histogram', () => {
  it('reads the histogram summed over the routes asked for', () => {
    expect(readHistogram(page(80, 20, 5))).toEqual({
      upperBounds: [0.001, 0.01, Infinity],
      counts: [80, 100, 105],
    });
    const predictions = readHistogram(page(80, 20, 5), undefined, (l) => l.route !== '/metrics');
    expect(predictions).toEqual({ upperBounds: [0.001, 0.01, Infinity], counts: [80, 100, 100] });
    expect(readHistogram('# nothing here\n')).toBeUndefined();
  });

  it("interpolates quantiles like Prometheus's histogram_quantile", () => {
    const h = { upperBounds: [0.001, 0.01, Infinity], counts: [80, 100, 100] };
    expect(histogramQuantile(0.5, h)).toBeCloseTo(0.000625, 12); // rank 50 of 80 in [0, 1 ms]
    expect(histogramQuantile(0.99, h)).toBeCloseTo(0.001 + 0.009 * (19 / 20), 12);
    expect(histogramQuantile(0.5, { upperBounds: [0.001, Infinity], counts: [0, 10] })).toBe(0.001);
    expect(Number.isNaN(histogramQuantile(0.5, { upperBounds: [Infinity], counts: [0] }))).toBe(true);
  });

  it('takes the period as the difference from the last scrape, or the new scrape alone after a restart', () => {
    const before = readHistogram(page(80, 20))!;
    const after = readHistogram(page(90, 110))!;
    expect(histogramDelta(before, after).counts).toEqual([10, 100, 100]);
    expect(summariseLatency(histogramDelta(before, after))).toMatchObject({ requests: 100 });
    const restarted = readHistogram(page(5, 0))!;
    expect(histogramDelta(after, restarted)).toEqual(restarted);
    expect(summariseLatency(histogramDelta(before, before))).toBeUndefined();
  });
});

describe('parsePrometheusSamples', () => {
  it('reads names, escaped label values, special numbers and skips comments and bad lines', () => {
    const text =
      '# HELP a x\na{path="C:\\\\DIR",msg="say \\"hi\\"\\n"} +Inf 1395066363000\nb 12.5\nnot a sample\nc{broken} 1\n';
    expect(parsePrometheusSamples(text)).toEqual([
      { name: 'a', labels: { path: 'C:\\DIR', msg: 'say "hi"\n' }, value: Infinity },
      { name: 'b', labels: {}, value: 12.5 },
    ]);
  });
});
