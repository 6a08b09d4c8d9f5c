import type { Messages } from './en.ts';

/** A query, a name or an address in Latin script keeps its own order inside an Arabic sentence (a bidi isolate). */
const iso = (s: string) => `\u2068${s}\u2069`;

export const ar: Messages = {
  title: 'المساعدة',
  greeting: 'مرحبًا! ابحث في مقالات المساعدة أو تحدّث مع شخص.',
  unread: (n) =>
    n === 1
      ? 'رسالة واحدة غير مقروءة'
      : n === 2
        ? 'رسالتان غير مقروءتين'
        : n <= 10
          ? `${n} رسائل غير مقروءة`
          : `${n} رسالة غير مقروءة`,
  close: 'إغلاق المساعدة',
  back: 'رجوع',
  talk: 'تحدّث مع شخص',
  askPerson: 'اسأل شخصًا عن هذا',
  searchLabel: 'البحث في مقالات المساعدة',
  searchPlaceholder: 'ابحث عن إجابات…',
  suggested: 'مقالات مقترحة',
  results: 'نتائج البحث',
  resultCount: (n) => (n === 0 ? 'لم يتم العثور على مقالات' : n === 1 ? 'مقال واحد' : `عدد المقالات: ${n}`),
  searching: 'جارٍ البحث…',
  noResults: (q) => `لا توجد مقالات تطابق «${iso(q)}».`,
  noResultsHint: 'يمكن لأحد أفراد فريقنا مساعدتك في هذا.',
  searchError: 'البحث غير متاح الآن.',
  loadingArticle: 'جارٍ تحميل المقال…',
  articleError: 'تعذّر تحميل هذا المقال.',
  retry: 'إعادة المحاولة',
  related: 'مقالات ذات صلة',
  helpful: 'هل كان هذا مفيدًا؟',
  yes: 'نعم',
  no: 'لا',
  thanks: 'شكرًا لإخبارنا!',
  sorry: 'نأسف لأنه لم يُفِد. يمكن لشخص أن يساعدك من هنا.',
  chat: {
    title: 'تحدّث معنا',
    transcript: 'المحادثة',
    loading: 'جارٍ بدء المحادثة…',
    loadError: 'تعذّر تحميل المحادثة.',
    intro: 'أخبرنا بما تحتاج وسيرد عليك شخص هنا.',
    checking: 'جارٍ التحقق من المتاحين…',
    message: 'الرسالة',
    placeholder: 'اكتب رسالة…',
    send: 'إرسال',
    sending: 'جارٍ الإرسال…',
    queued: 'ستُرسل عند عودة الاتصال',
    failed: 'لم تُرسل',
    retryOne: 'إعادة الإرسال',
    articleLabel: 'مقال',
    sent: 'أُرسلت',
    delivered: 'وصلت',
    read: 'قُرئت',
    you: 'أنت',
    agent: 'الدعم',
    tooLong: (max) => `يمكن أن تصل الرسالة إلى ${max} حرف.`,
    waiting: 'بانتظار أول شخص متاح.',
    queue: (pos) => (pos === 1 ? 'أنت التالي.' : `ترتيبك في قائمة الانتظار: ${pos}.`),
    estimate: (min) =>
      min <= 1 ? 'مدة الانتظار المتوقعة: دقيقة تقريبًا.' : `مدة الانتظار المتوقعة: نحو ${min} دقائق.`,
    noEstimate: 'لا يمكننا الوعد بوقت محدد الآن. اترك بريدك الإلكتروني وسنرد عليك هناك إن غادرت.',
    emailLabel: 'البريد الإلكتروني',
    emailSave: 'حفظ البريد',
    emailSaved: (email) => `سنرد أيضًا على ${iso(email)}.`,
    emailInvalid: 'أدخل بريدًا إلكترونيًا صحيحًا.',
    assigned: (name) => `${iso(name)} يساعدك الآن.`,
    joined: (name) => `انضم ${iso(name)} إلى المحادثة`,
    typing: (name) => `${iso(name)} يكتب…`,
    closed: 'انتهت هذه المحادثة.',
    endChat: 'إنهاء المحادثة',
    youEnded: 'لقد أنهيت المحادثة.',
    endConfirm: 'هل تريد إنهاء هذه المحادثة؟',
    endKeep: 'متابعة المحادثة',
    startNew: 'بدء محادثة جديدة',
    rateTitle: 'كيف كانت المحادثة؟',
    stars: (n) => (n === 1 ? 'نجمة واحدة' : `${n} نجوم`),
    rateComment: 'هل تريد إضافة شيء؟ (اختياري)',
    rateSend: 'إرسال التقييم',
    rated: 'شكرًا على رأيك!',
    offlineTitle: 'لسنا متاحين الآن',
    offlineIntro: 'اترك رسالة وبريدك الإلكتروني وسنرد عليك عبر البريد.',
    nameLabel: 'الاسم (اختياري)',
    offlineSend: 'إرسال الرسالة',
    offlineSent: (email) => `شكرًا! سنرد على ${iso(email)}.`,
    offlineStatus: (email) =>
      email
        ? `لسنا متاحين الآن. سنرد عبر البريد الإلكتروني على ${iso(email)}.`
        : 'لسنا متاحين الآن. سنرد عبر البريد الإلكتروني.',
    connecting: 'جارٍ الاتصال…',
    offline: 'جارٍ إعادة الاتصال… رسائلك محفوظة وستُرسل.',
    unauthorized: 'انتهت جلسة المحادثة. جارٍ بدء جلسة جديدة…',
    outdated: 'تم تحديث أداة المساعدة. يُرجى إعادة تحميل الصفحة.',
    rateLimited: 'الكثير دفعة واحدة. يُرجى الانتظار قليلًا.',
    error: 'حدث خطأ ما. يُرجى المحاولة مرة أخرى.',
  },
};
