import { assignmentPoint, inCanary } from './assignment';

describe('sticky assignment', () => {
  it('gives a client the same arm every time', () => {
    expect(assignmentPoint('exp-1', 'client-42')).toBe(assignmentPoint('exp-1', 'client-42'));
    expect(inCanary('exp-1', 'client-42', 0.3)).toBe(inCanary('exp-1', 'client-42', 0.3));
  });

  it('puts about the share of clients in the canary, and only adds clients when it grows', () => {
    const clients = Array.from({ length: 20_000 }, (_, i) => `client-${i}`);
    const at10 = clients.filter((c) => inCanary('exp-1', c, 0.1));
    const at30 = new Set(clients.filter((c) => inCanary('exp-1', c, 0.3)));
    // Binomial(20000, 0.1): sd 42; ±5 sd
    expect(Math.abs(at10.length - 2000)).toBeLessThan(212);
    expect(Math.abs(at30.size - 6000)).toBeLessThan(325);
    for (const c of at10) expect(at30.has(c)).toBe(true);
  });

  it('draws a fresh split for another experiment, never more than half, none at 0', () => {
    const clients = Array.from({ length: 2000 }, (_, i) => `c${i}`);
    const a = clients.filter((c) => inCanary('exp-a', c, 0.5));
    const b = new Set(clients.filter((c) => inCanary('exp-b', c, 0.5)));
    const both = a.filter((c) => b.has(c)).length;
    expect(both / a.length).toBeGreaterThan(0.4);
    expect(both / a.length).toBeLessThan(0.6);
    expect(clients.filter((c) => inCanary('exp-a', c, 0.9)).length).toBe(a.length);
    expect(clients.some((c) => inCanary('exp-a', c, 0))).toBe(false);
  });
});
