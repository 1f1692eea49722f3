#pragma once

#include <QWizardPage>

class QCheckBox;
class QLabel;
class QRadioButton;

namespace outpost {

class ImportWizard;
class MessageLabel;

// The import wizard's matching step: what a row does when the contact is already here (same e-mail
// address, or phone number): update it, skip it, or always create a new contact. Its Import button starts
// the import.
class ImportMatchingPage : public QWizardPage
{
    Q_OBJECT
public:
    explicit ImportMatchingPage(ImportWizard* wizard);

    void initializePage() override;
    bool isComplete() const override;
    bool validatePage() override;

private:
    void chosen();

    ImportWizard* m_wizard;
    QRadioButton* m_update;
    QRadioButton* m_skip;
    QRadioButton* m_create;
    QCheckBox* m_byEmail;
    QCheckBox* m_byPhone;
    QLabel* m_keysLabel;
    MessageLabel* m_message;
    QLabel* m_summary;
};

} // namespace outpost
