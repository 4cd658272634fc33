// survey-core ships no typings for its locale files; importing one only registers its strings.
declare module "survey-core/i18n/russian";
