// The part of web-ext's API the Firefox smoke uses (web-ext ships no types).
declare module 'web-ext' {
  interface RunParams {
    sourceDir: string;
    firefox: string;
    target: ['firefox-desktop'];
    args?: string[];
    pref?: Record<string, string | number | boolean>;
    noReload?: boolean;
    noInput?: boolean;
  }
  interface FirefoxDesktopRunner {
    runningInfo: { debuggerPort: number; firefox: { pid?: number } };
  }
  interface MultiExtensionRunner {
    extensionRunners: FirefoxDesktopRunner[];
    exit(): Promise<void>;
  }
  const webExt: {
    cmd: { run(params: RunParams, options: { shouldExitProgram: boolean }): Promise<MultiExtensionRunner> };
  };
  export default webExt;
}

declare module 'web-ext/util/logger' {
  export const consoleStream: {
    capturedMessages: string[];
    startCapturing(): void;
    stopCapturing(): void;
  };
}
