// Ambient declarations for packages that ship none (this file must stay free of imports).

// survey-core's locale bundles: importing one only registers the locale.
declare module "survey-core/i18n/russian";
