// The effects the generator plants in the data, as numbers. docs/reference/data-generator.md explains each
// one in words; tests here check the data shows them, and the insights work checks it recovers them.

export const plantedEffects = {
  calendar: {
    /** Dates are local to each clinic (companies.timezone). Appointments also run up to 60 days past asOf. */
    windowStart: '2025-01-01',
    asOf: '2026-12-01',
    futureDays: 60,
    /** Relative daily volume by ISO weekday (1 = Monday ... 7 = Sunday), for appointments and app events. */
    weekday: { 1: 1.0, 2: 1.05, 3: 1.0, 4: 1.0, 5: 0.9, 6: 0.35, 7: 0.05 },
    /** Relative daily volume by month (1 = January): Brazilian summer holidays, Carnival, July break. */
    month: {
      1: 0.8,
      2: 0.9,
      3: 1.05,
      4: 1.05,
      5: 1.05,
      6: 1.0,
      7: 0.9,
      8: 1.05,
      9: 1.05,
      10: 1.05,
      11: 1.0,
      12: 0.8,
    },
    /** Multiplier on national holidays and Carnival (see reference-data.ts holidays). */
    holiday: 0.2,
    /** Appointments start on the half hour from 07:00 to 18:00 local time; app events 07:00-20:00. */
    appointmentFirstHour: 7,
    appointmentSlots: 23,
  },
  clinicSize: {
    /** Clinic size weight w = exp(sigma * Z), Z standard normal: lognormal, a few large and many small. */
    lognormalSigma: 1.1,
    /** Every clinic has at least this many patients; the rest is shared in proportion to w. */
    minPatients: 3,
    /** Appointments are shared in proportion to w x active days; app events to w^0.6 x active days. */
    eventSizeExponent: 0.6,
    /** Patients per professional (at least 1, at most 60 professionals). */
    patientsPerProfessional: 250,
  },
  plan: {
    /** plan score = 0.7 Z_size + 0.71 Z_noise; thresholds free < -0.8 <= basic < 0.3 <= pro < 1.3 <= enterprise. */
    sizeCorrelation: 0.7,
    thresholds: { free: -0.8, basic: 0.3, pro: 1.3 },
  },
  churn: {
    /** Probability that a clinic churns, by plan. Churn dates fall between 120 days after it started using
     * the product (and not before 2025-06-01) and 14 days before asOf. */
    probabilityByPlan: { free: 0.3, basic: 0.18, pro: 0.1, enterprise: 0.04 },
    earliest: '2025-06-01',
    /** App usage declines linearly over the last declineDays before churn, from 1.0 to floorRate of normal. */
    declineDays: 56,
    floorRate: 0.3,
    /** Report actions (report.generate, report.download) decline once more by the same factor, so their share
     * of a churning clinic's events falls too: their rate is factor^2 of normal. */
  },
  patients: {
    /** Age at asOf (years): share of patients per group, uniform age inside a group. */
    ageGroups: [
      { from: 0, to: 12, share: 0.17 },
      { from: 13, to: 19, share: 0.07 },
      { from: 20, to: 39, share: 0.27 },
      { from: 40, to: 59, share: 0.29 },
      { from: 60, to: 94, share: 0.2 },
    ],
    sex: { F: 0.58, M: 0.415, X: 0.005 },
    reminderOptIn: 0.85,
    /** Chronic conditions: probability for patients aged 40+ at asOf vs younger. */
    hypertension: { age40plus: 0.3, younger: 0.04 },
    diabetes: { age40plus: 0.12, younger: 0.02 },
    alcoholism: 0.03,
    handicap: 0.02,
    emailShare: 0.4,
  },
  appointments: {
    /** Lead time (days between the local booking date and the local start date): 28% same day, else
     * 1 + floor(Exp(mean 12)) capped at 120, and never before the clinic started using the product. */
    sameDayShare: 0.28,
    leadMeanDays: 12,
    leadMaxDays: 120,
    /** Patients are picked as floor(n * U^1.7): a minority of patients books most appointments. */
    patientSkew: 1.7,
    /** Past appointments are cancelled with this probability (independent of everything else). */
    cancelRate: 0.07,
    /** Reminder sent for past appointments when the patient opted in, lead >= 1 day, with this probability.
     * Same-day bookings never get one: reminders are confounded with lead time (Simpson's paradox trap). */
    reminderRate: 0.8,
    /** P(no_show | past, not cancelled) = leadBucket rate x age multiplier x (reminder ? reminderMultiplier : 1). */
    noShowByLeadBucket: [
      { fromDays: 0, toDays: 0, rate: 0.05 },
      { fromDays: 1, toDays: 2, rate: 0.12 },
      { fromDays: 3, toDays: 7, rate: 0.17 },
      { fromDays: 8, toDays: 15, rate: 0.22 },
      { fromDays: 16, toDays: 30, rate: 0.28 },
      { fromDays: 31, toDays: 9999, rate: 0.32 },
    ],
    /** Age at the appointment = year(start) - birth_year. */
    noShowAgeMultiplier: [
      { from: 0, to: 12, multiplier: 0.9 },
      { from: 13, to: 19, multiplier: 1.25 },
      { from: 20, to: 39, multiplier: 1.2 },
      { from: 40, to: 59, multiplier: 0.9 },
      { from: 60, to: 200, multiplier: 0.7 },
    ],
    reminderMultiplier: 0.6,
    /** In general-practice clinics this share of appointments is in another specialty. */
    otherSpecialtyShare: 0.35,
    /** price = specialty price x U(0.8, 1.2), rounded to R$ 5 (500 cents). */
    priceSpread: 0.2,
    professionalSkew: 1.3,
  },
  appEvents: {
    /** Share of each action in a healthy clinic's usage. */
    actionMix: {
      login: 0.1,
      'agenda.view': 0.26,
      'appointment.create': 0.14,
      'appointment.update': 0.07,
      'appointment.cancel': 0.03,
      'patient.view': 0.12,
      'patient.create': 0.04,
      'financial.view': 0.05,
      'reminder.send': 0.06,
      'report.generate': 0.06,
      'report.download': 0.04,
      'settings.update': 0.03,
    },
    /** duration_ms = median x exp(0.5 Z); report.generate's median grows with the clinic's patients. */
    durationSigma: 0.5,
    medianMs: {
      login: 400,
      'agenda.view': 250,
      'appointment.create': 350,
      'appointment.update': 300,
      'appointment.cancel': 250,
      'patient.view': 200,
      'patient.create': 400,
      'financial.view': 600,
      'reminder.send': 900,
      'report.generate': 1000,
      'report.download': 500,
      'settings.update': 300,
    },
    /** report.generate median = 1000 ms x (patients / 100)^0.9: large clinics' reports are slow. */
    reportSizeExponent: 0.9,
    /** A report.generate slower than this is a timeout (outcome 'timeout', duration_ms = the limit). */
    reportTimeoutMs: 30_000,
    /** Otherwise outcome 'error' with this probability. */
    reportErrorRate: 0.03,
    otherErrorRate: 0.005,
  },
} as const;

export type PlantedEffects = typeof plantedEffects;
