import cliProgress from 'cli-progress';

/**
 * Progress of a long command, stage by stage: a bar on a terminal, and a plain line per
 * tenth otherwise (logs, CI), so output stays readable either way.
 */
export function progressReporter(out: NodeJS.WriteStream = process.stderr) {
  let stage = '';
  let bar: cliProgress.SingleBar | null = null;
  let lastTenth = -1;
  const finish = () => {
    bar?.stop();
    bar = null;
  };
  return {
    update(name: string, done: number, total: number) {
      if (name !== stage) {
        finish();
        stage = name;
        lastTenth = -1;
        if (out.isTTY) {
          bar = new cliProgress.SingleBar(
            {
              format: `${name.padEnd(10)} {bar} {percentage}% | {value}/{total} | {eta_formatted} left`,
              stream: out,
            },
            cliProgress.Presets.shades_classic,
          );
          bar.start(total, 0);
        }
      }
      if (bar) bar.update(done);
      else {
        const tenth = Math.floor((done / Math.max(1, total)) * 10);
        if (tenth !== lastTenth) {
          lastTenth = tenth;
          out.write(`${name}: ${done.toLocaleString('en')} of ${total.toLocaleString('en')}\n`);
        }
      }
    },
    stop: finish,
  };
}
