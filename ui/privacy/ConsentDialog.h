#pragma once

#include "privacy/Consents.h"

#include <QDialog>

#include <optional>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLineEdit;

namespace outpost {

class MessageLabel;
class MutationEngine;

// Records a consent the person gave (consent.give) or corrects one (consent.update): purpose, where it was
// given, when, and an optional expiry. The mutation is submitted on OK; a refusal is shown in the dialog,
// which stays open with what was typed.
class ConsentDialog : public QDialog
{
    Q_OBJECT
public:
    // `existing` empty: a new consent for `contactId`.
    ConsentDialog(MutationEngine& engine, const QString& contactId, const std::optional<Consent>& existing,
                  qint64 nowMs, QWidget* parent = nullptr);

    void accept() override;

private:
    MutationEngine& m_engine;
    QString m_contactId;
    std::optional<Consent> m_existing;
    QComboBox* m_purpose;
    QLineEdit* m_source;
    QDateTimeEdit* m_given;
    QCheckBox* m_expires;
    QDateTimeEdit* m_expiry;
    MessageLabel* m_message;
};

} // namespace outpost
