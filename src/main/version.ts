import pkg from '../../package.json';

/** The app version written into exported workbooks and shown in the app. */
export const APP_VERSION: string = pkg.version;
