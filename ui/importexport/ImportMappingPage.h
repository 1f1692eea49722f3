#pragma once

#include <QList>
#include <QStringList>
#include <QWizardPage>

class QComboBox;
class QLabel;
class QScrollArea;
class QTableView;

namespace outpost {

class ContactPreviewModel;
class ImportWizard;
class MessageLabel;

// The import wizard's column step (CSV): one row per column of the file with an example value and a choice
// of the contact field it goes into (the automatic guesses pre-selected; "Ignore" greys the column out),
// and below, what the first rows become with these choices. Next needs a column for a name, the company
// or the e-mail address.
class ImportMappingPage : public QWizardPage
{
    Q_OBJECT
public:
    explicit ImportMappingPage(ImportWizard* wizard);

    void initializePage() override;
    bool isComplete() const override;

    // The choice for column `column` (tests and screenshots).
    QComboBox* comboFor(int column) const;

private:
    void rebuild();
    void fieldChosen(int column);
    void updateColumn(int column);
    void updatePreview();
    void updateMessage();

    ImportWizard* m_wizard;
    QScrollArea* m_scroll;
    MessageLabel* m_message;
    QLabel* m_summary;
    QTableView* m_preview;
    ContactPreviewModel* m_previewModel;
    int m_builtGeneration = -1; // the wizard's preview the rows were made from
    QList<QLabel*> m_names;
    QList<QLabel*> m_samples;
    QList<QComboBox*> m_combos;
};

} // namespace outpost
