/**
 * Injected into Jobshell's page for P6: stamps (ms since navigation start, the page's time
 * origin) when the app frame appears, when the first job row of the job list appears, and the
 * animation frame that paints it.
 */
const marks: { app: number | null; jobRow: number | null; painted: number | null } = {
  app: null,
  jobRow: null,
  painted: null,
};
window.__benchStartup = marks;

const observer = new MutationObserver(() => {
  if (marks.app === null && document.querySelector('.app') !== null) marks.app = performance.now();
  if (marks.jobRow === null && document.querySelector('.job-row') !== null) {
    marks.jobRow = performance.now();
    requestAnimationFrame(() => {
      marks.painted = performance.now();
    });
    observer.disconnect();
  }
});
observer.observe(document, { childList: true, subtree: true });
