/** English strings; every other locale implements the same shape (`Messages`) and is loaded on demand. */
export const en = {
  title: 'Help',
  greeting: 'Hi! Search our help articles, or talk to a person.',
  /** The launcher's description while replies are unread (the badge shows the number). */
  unread: (n: number) => (n === 1 ? '1 unread message' : `${n} unread messages`),
  close: 'Close help',
  back: 'Back',
  talk: 'Talk to a person',
  askPerson: 'Ask a person about this',
  searchLabel: 'Search help articles',
  searchPlaceholder: 'Search for answers…',
  suggested: 'Suggested articles',
  /** Heading over weaker matches, listed after the articles that answer the search. */
  relatedMatches: 'Related articles',
  results: 'Search results',
  resultCount: (n: number) =>
    n === 0 ? 'No articles found' : n === 1 ? '1 article found' : `${n} articles found`,
  searching: 'Searching…',
  noResults: (q: string) => `No articles match “${q}”.`,
  noResultsHint: 'A person on our team can help with this.',
  searchError: 'Search is not available right now.',
  loadingArticle: 'Loading article…',
  articleError: 'This article could not be loaded.',
  retry: 'Try again',
  related: 'Related articles',
  helpful: 'Did this help?',
  yes: 'Yes',
  no: 'No',
  thanks: 'Thanks for letting us know!',
  sorry: 'Sorry it didn’t help. A person can take it from here.',
  chat: {
    title: 'Chat with us',
    transcript: 'Conversation',
    loading: 'Starting chat…',
    loadError: 'The chat could not be loaded.',
    intro: 'Tell us what you need and a person will answer here.',
    teamOnline: (names: string[]) =>
      names.length === 1
        ? `${names[0]} is online.`
        : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]} are online.`,
    checking: 'Checking who is available…',
    message: 'Message',
    placeholder: 'Write a message…',
    send: 'Send',
    sending: 'Sending…',
    queued: 'Will send when the connection is back',
    failed: 'Not sent',
    retryOne: 'Retry',
    articleLabel: 'Article',
    sent: 'Sent',
    delivered: 'Delivered',
    read: 'Read',
    you: 'You',
    agent: 'Support',
    tooLong: (max: number) => `Messages can be up to ${max} characters.`,
    waiting: 'Waiting for the next available person.',
    queue: (pos: number) => (pos === 1 ? 'You are next in line.' : `You are number ${pos} in the queue.`),
    typicalReply: (min: number) =>
      min <= 1
        ? 'The team usually replies in about a minute.'
        : `The team usually replies in about ${min} minutes.`,
    estimate: (min: number) =>
      min <= 1 ? 'Expected wait: about a minute.' : `Expected wait: about ${min} minutes.`,
    noEstimate: 'We can’t promise a time right now. Leave your email and we’ll reply there if you go.',
    emailLabel: 'Email',
    emailSave: 'Save email',
    emailSaved: (email: string) => `We’ll also reply to ${email}.`,
    emailInvalid: 'Enter a valid email address.',
    assigned: (name: string) => `${name} is helping you.`,
    /** A system line in the transcript: an agent took the conversation. */
    joined: (name: string) => `${name} joined the conversation`,
    typing: (name: string) => `${name} is typing…`,
    closed: 'This conversation has ended.',
    endChat: 'End chat',
    youEnded: 'You ended the chat.',
    endConfirm: 'End this chat?',
    endKeep: 'Keep chatting',
    startNew: 'Start a new conversation',
    transcriptOffer: 'Email me this conversation',
    transcriptSend: 'Send',
    transcriptConfirm: (email: string) =>
      `Almost done: open the link we sent to ${email} to receive the conversation.`,
    transcriptSent: (email: string) => `The conversation is on its way to ${email}.`,
    rateTitle: 'How was your conversation?',
    stars: (n: number) => (n === 1 ? '1 star' : `${n} stars`),
    rateComment: 'Anything to add? (optional)',
    rateSend: 'Send rating',
    rated: 'Thanks for your feedback!',
    offlineTitle: 'We’re away right now',
    offlineIntro: 'Leave a message and your email, and we’ll reply by email.',
    nameLabel: 'Name (optional)',
    offlineSend: 'Send message',
    offlineSent: (email: string) => `Thanks! We’ll reply to ${email}.`,
    offlineStatus: (email: string | null) =>
      email
        ? `We’re away right now. We’ll reply to ${email} by email.`
        : 'We’re away right now. We’ll reply by email.',
    connecting: 'Connecting…',
    offline: 'Reconnecting… Your messages are kept and will be sent.',
    unauthorized: 'Your chat session expired. Starting a new one…',
    outdated: 'The help widget was updated. Please reload the page.',
    rateLimited: 'That was a lot at once. Please wait a moment.',
    error: 'Something went wrong. Please try again.',
  },
};

export type Messages = typeof en;
export type ChatMessages = Messages['chat'];
