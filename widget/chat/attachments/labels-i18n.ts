import { languageOf } from '../../ui/language.ts';
import { type AttachmentLabels, englishAttachmentLabels } from './labels.ts';

// The attachment controls' words in each language the widget ships (widget/ui/language.ts), loaded with the
// attachment chunks only. The console speaks English.

const es: AttachmentLabels = {
  attach: 'Adjuntar archivos',
  dropHere: 'Suelta los archivos para adjuntarlos',
  cancel: 'Cancelar',
  retry: 'Reintentar',
  remove: 'Quitar',
  close: 'Cerrar',
  openImage: (name) => `Abrir ${name} a tamaño completo`,
  download: (name) => `Descargar ${name}`,
  uploading: (name, percent) => `${name}: ${percent} %`,
  waiting: 'Se enviará con tu mensaje',
  scanned: 'Analizado en busca de virus',
  textFile: 'Texto',
  errors: {
    too_large: 'Demasiado grande',
    type_not_allowed: 'Este tipo de archivo no está permitido',
    rate_limited: 'Demasiados archivos a la vez; inténtalo de nuevo en un minuto',
    failed: 'No se pudo subir',
    infected: 'No se envió: el análisis de virus encontró algo',
  },
};

const de: AttachmentLabels = {
  attach: 'Dateien anhängen',
  dropHere: 'Dateien hier ablegen, um sie anzuhängen',
  cancel: 'Abbrechen',
  retry: 'Erneut versuchen',
  remove: 'Entfernen',
  close: 'Schließen',
  openImage: (name) => `${name} in voller Größe öffnen`,
  download: (name) => `${name} herunterladen`,
  uploading: (name, percent) => `${name}: ${percent} %`,
  waiting: 'Wird mit deiner Nachricht gesendet',
  scanned: 'Auf Viren geprüft',
  textFile: 'Text',
  errors: {
    too_large: 'Zu groß',
    type_not_allowed: 'Dieser Dateityp ist nicht erlaubt',
    rate_limited: 'Zu viele Dateien auf einmal; bitte in einer Minute erneut versuchen',
    failed: 'Hochladen fehlgeschlagen',
    infected: 'Nicht gesendet: Die Virenprüfung hat etwas gefunden',
  },
};

const ar: AttachmentLabels = {
  attach: 'إرفاق ملفات',
  dropHere: 'أفلِت الملفات لإرفاقها',
  cancel: 'إلغاء',
  retry: 'إعادة المحاولة',
  remove: 'إزالة',
  close: 'إغلاق',
  openImage: (name) => `فتح ${name} بالحجم الكامل`,
  download: (name) => `تنزيل ${name}`,
  uploading: (name, percent) => `${name}: ${percent}٪`,
  waiting: 'سيُرسَل مع رسالتك',
  scanned: 'تم فحصه بحثًا عن الفيروسات',
  textFile: 'نص',
  errors: {
    too_large: 'الملف كبير جدًا',
    type_not_allowed: 'هذا النوع من الملفات غير مسموح به',
    rate_limited: 'ملفات كثيرة في وقت واحد؛ حاول مرة أخرى بعد دقيقة',
    failed: 'تعذّر الرفع',
    infected: 'لم يُرسَل: عثر فحص الفيروسات على شيء فيه',
  },
};

const TABLES: Record<string, AttachmentLabels> = { en: englishAttachmentLabels, es, de, ar };

/** The labels for the widget's locale (`es-MX` gets Spanish); English for a language the widget does not ship. */
export function labelsFor(locale: string | undefined): AttachmentLabels {
  return TABLES[languageOf(locale ?? '')] ?? englishAttachmentLabels;
}
