// electron-builder configuration: installers for Linux (AppImage, deb), Windows (NSIS) and macOS (dmg).
/** @type {import('electron-builder').Configuration} */
module.exports = {
  appId: 'org.idsync.console',
  productName: 'IdSync',
  copyright: 'IdSync contributors',
  directories: { output: 'dist/installers', buildResources: 'build/resources' },
  extraMetadata: { main: 'dist/electron/main.cjs' },
  // Everything but better-sqlite3 is bundled by build/bundle.mjs; the sources and dev files stay out.
  files: [
    'package.json',
    'dist/electron/**',
    'dist/renderer/**',
    '!**/*.map',
  ],
  asar: true,
  // Native modules cannot be loaded from inside the asar archive.
  asarUnpack: ['**/*.node'],
  // better-sqlite3 must be rebuilt against Electron's Node ABI for a real installer.
  npmRebuild: true,
  buildDependenciesFromSource: true,
  linux: { target: ['AppImage', 'deb'], category: 'System', maintainer: 'IdSync contributors <idsync@example.org>' },
  deb: { depends: ['libnss3', 'libgtk-3-0'] },
  win: { target: ['nsis'] },
  nsis: { oneClick: false, perMachine: true, allowToChangeInstallationDirectory: true },
  mac: { target: ['dmg'], category: 'public.app-category.developer-tools' },
};
