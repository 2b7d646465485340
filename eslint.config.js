// Lint: type-aware typescript-eslint (recommended + stylistic), React hooks rules and jsx-a11y.
// Formatting belongs to Prettier (`npm run lint` checks both, then the type checker).
import js from "@eslint/js";
import jsxA11y from "eslint-plugin-jsx-a11y";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "build/",
      "public/build/",
      "data/",
      "test-results/",
      "bench/results/",
      ".cache/",
      "node_modules/",
    ],
  },
  // A disable comment that no longer silences anything is stale: fail on it so it gets removed.
  { linterOptions: { reportUnusedDisableDirectives: "error" } },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  ...tseslint.configs.stylisticTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node, ...globals.browser },
    },
  },
  {
    rules: {
      // Remix's idiom for leaving a loader or action early is `throw redirect(...)`, `throw json(...)` or
      // `throw new Response(...)`: the framework catches the Response and sends it. Allow exactly those.
      "@typescript-eslint/only-throw-error": [
        "error",
        {
          allow: [
            { from: "lib", name: "Response" },
            { from: "package", package: "@remix-run/server-runtime", name: "TypedResponse" },
          ],
        },
      ],
      // `_name` marks a value destructured only to leave it out of the rest (`const { id: _id, ...rest }`).
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: ["app/**/*.tsx"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // These three check code for React Compiler's automatic memoization; this app runs React 18 without
      // the compiler. They flag two idioms used on purpose: a ref written during render so ProseMirror
      // plugins (made once per editor) read the current props, and a browser-only value (the viewer's
      // zone, the clock, the address's #hash) set in an effect after hydration so server and client first
      // render the same HTML. rules-of-hooks and exhaustive-deps stay on.
      "react-hooks/refs": "off",
      "react-hooks/set-state-in-effect": "off",
      "react-hooks/purity": "off",
    },
  },
  { files: ["app/**/*.tsx"], ...jsxA11y.flatConfigs.recommended },
  {
    files: ["app/**/*.tsx"],
    rules: {
      // `<ul role="list">` is deliberate: Safari drops the list semantics of a list styled `list-style: none`.
      "jsx-a11y/no-redundant-roles": ["error", { nav: ["navigation"], ul: ["list"], ol: ["list"] }],
      // The recommended options, plus: Escape closes an inline form (the link form) from any of its
      // fields, as it closes a dialog.
      "jsx-a11y/no-noninteractive-element-interactions": [
        "error",
        {
          handlers: [
            "onClick",
            "onError",
            "onLoad",
            "onMouseDown",
            "onMouseUp",
            "onKeyPress",
            "onKeyDown",
            "onKeyUp",
          ],
          alert: ["onKeyUp", "onKeyDown", "onKeyPress"],
          body: ["onError", "onLoad"],
          dialog: ["onKeyUp", "onKeyDown", "onKeyPress"],
          form: ["onKeyDown"],
          iframe: ["onError", "onLoad"],
          img: ["onError", "onLoad"],
        },
      ],
    },
  },
  {
    // Each of these focuses a field that appears because the person just asked for it (reply, add a
    // section, mention picker), which is where their attention already is; nothing autofocuses on load.
    files: [
      "app/components/comments/*.tsx",
      "app/components/TemplateForm.tsx",
      "app/components/MentionTextarea.tsx",
    ],
    rules: { "jsx-a11y/no-autofocus": "off" },
  },
  {
    // Components reach the browser bundle: they take types and code from browser-safe modules only, never
    // from a `.server` module (Remix would drop it from the bundle, and its types drag the server's
    // shape, Prisma's, into the view). Put the shared type in a plain module beside the `.server` one.
    files: ["app/components/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "\\.server(\\.[jt]sx?)?$",
              message:
                "Components import only browser-safe modules: move the type into a plain module (e.g. thread-view.ts).",
            },
          ],
        },
      ],
    },
  },
  {
    // Vitest reads a fixture's dependencies from the destructuring of its first parameter, so a fixture
    // that needs none is written `async ({}, { onCleanup }) => …`.
    files: ["tests/**"],
    rules: { "no-empty-pattern": ["error", { allowObjectPatternsAsParameters: true }] },
  },
  {
    files: ["**/*.js", "**/*.mjs", "**/*.cjs"],
    ...tseslint.configs.disableTypeChecked,
  },
);
