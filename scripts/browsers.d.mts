// Types for scripts/browsers.mjs (plain JavaScript so the bench scripts can run it with node).
export declare function browserPath(name: 'chromium' | 'firefox'): string;
export declare function chromiumPath(): string;
export declare function firefoxPath(): string;
