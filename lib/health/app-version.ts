/**
 * The deployed app's version, from package.json (bundled at build time, so it also works on
 * serverless platforms where npm's `npm_package_version` is not set).
 */
import packageJson from '../../package.json';

export const APP_VERSION: string = packageJson.version;
