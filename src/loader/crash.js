// A crash inside the widget's wasm: a Rust panic (the shipped module aborts on
// panic, it carries no unwinding or panic messages), running out of memory or
// a stack overflow all surface as a `WebAssembly.RuntimeError` thrown to
// whatever called into the module: an event listener, a timer, a promise. The
// module cannot be trusted after that, so this watches the page for such an
// error whose stack names one of the widget's `files` (its wasm, streamed from
// its URL, or its glue), once, and then calls `onCrash` (which replaces every
// widget with the crash notice). Errors of the host page, and other wasm on
// it, are left alone.
export function watchCrashes(files, onCrash) {
  let crashed = false;
  const ours = (error) => files.some((file) => String(error.stack).includes(file));
  const check = (error) => {
    if (crashed || !(error instanceof WebAssembly.RuntimeError) || !ours(error)) return;
    crashed = true;
    console.error('readiness widget crashed:', error);
    onCrash(error);
  };
  addEventListener('error', (event) => check(event.error));
  addEventListener('unhandledrejection', (event) => check(event.reason));
}
