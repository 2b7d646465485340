export declare function escapeBeyondAscii(source: string): string;
