/** What the bench files share: a load run with exact percentiles, and percentiles of a list of times. */
const autocannon = require('autocannon');

/** The p-th percentile of times sorted ascending (NaN when there are none). */
const percentile = (sorted, p) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;

/** Runs autocannon and keeps every response time, so p50 and p95 are exact (autocannon's summary has no p95). */
function cannon(opts) {
  return new Promise((resolve, reject) => {
    const times = [];
    const started = performance.now();
    let lastAnswer = started;
    const instance = autocannon(opts, (err, res) => {
      if (err) return reject(err);
      times.sort((a, b) => a - b);
      // Requests over the time from the first sent to the last answered. A run bounded by maxOverallRequests
      // stops before its duration, and autocannon's own duration runs on to its next whole-second sample
      // (1,000 decisions answered in 1.2 s would count as 2 s).
      const seconds = (lastAnswer - started) / 1000;
      resolve({
        ...res,
        rate: res.requests.total / seconds,
        p50: percentile(times, 50),
        p95: percentile(times, 95),
      });
    });
    instance.on('response', (_client, _status, _bytes, responseTime) => {
      times.push(responseTime);
      lastAnswer = performance.now();
    });
  });
}

module.exports = { cannon, percentile };
