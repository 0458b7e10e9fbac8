<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es" sourcelanguage="en">
<context>
    <name>App</name>
    <message>
        <source>dr-screen cannot start</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CampScreen</name>
    <message>
        <source>Welcome. Start today&apos;s camp, or continue an earlier one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;⚠ No grading model — photos cannot be graded.&lt;/b&gt;&lt;br&gt;{problem}&lt;br&gt;You can still register patients, view saved results and export CSV. Ask your supervisor to install the model files in the &lt;i&gt;models&lt;/i&gt; folder, then restart.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a new camp session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. PHC Kottur</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>your name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start camp ▶</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Camp site:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operator:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Or continue an earlier camp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open selected camp</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CorrectionDialog</name>
    <message>
        <source>Remove or move a photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not graded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove it from this patient (a photo of someone else, or unusable)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move it to the {eye} of this patient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move it to another patient of this camp:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no other patient in this camp.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. photo of the next patient; taken of the left eye</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Correction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your name *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply correction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing is deleted: the change, your name and the reason are kept and sent with the next sync.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EyePanel</name>
    <message>
        <source>RIGHT EYE (OD)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LEFT EYE (OS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add photo…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From camera folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove or move…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photo on the wrong eye or the wrong patient? Remove it or move it, with the reason. Nothing is deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Heat map: red areas influenced the grade most</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Heat map: red = raised the grade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model&apos;s raw outputs behind the score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No grading model installed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop the photo of this eye here, or use the buttons above</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No photo yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grading… please wait</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ Photo not used: {message}
Choose another photo or take it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refer to eye doctor: YES</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refer to eye doctor: no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grade from the model&apos;s combined score: {score}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UNGRADABLE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>↻ RETAKE this photo now, while the patient is here, and add it with the buttons above.
Reason: {reasons}
Refer to eye doctor: YES, if the retake is still ungradable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Eye result from %n photo(s): {grade}</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Likelihood of referable DR: not available for this model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Likelihood of referable DR: {percent}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GradingQueue</name>
    <message>
        <source>Grading failed unexpectedly ({error}). Add the photo again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>dr-screen — diabetic retinopathy screening</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model: {name} {version}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ No grading model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export patients (CSV)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export photos (CSV)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Computer&apos;s language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About dr-screen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The language changes when dr-screen starts again. Close it and open it again when the patients of this moment are done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photo not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the patients of the camps held between:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the open camp ({site}, {date})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export patients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export photos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file was not written: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) written to {path}</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Model: &lt;b&gt;{name}&lt;/b&gt; version &lt;b&gt;{version}&lt;/b&gt; ({mode}, input {size} px)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Caution:&lt;/b&gt; {warning}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No grading model: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;dr-screen&lt;/h3&gt;&lt;p&gt;Offline diabetic-retinopathy screening.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data folder: {folder}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This tool supports screening; it does not replace an eye doctor.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grading in progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photos are still being graded. Wait for them and then quit?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait, then quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep working</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PatientForm</name>
    <message>
        <source>Female</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Male</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New patient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID card or register number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>years</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>— choose —</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>years (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save patient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Patient ID *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Age *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sex *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Diabetes (years)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PatientScreen</name>
    <message>
        <source>◀ Patient list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Referral slip (PDF)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A one-page slip for the patient: result, advice, where to go, the photos. Opens it for printing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel grading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Technician notes (e.g. cataract, could not dilate)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PATIENT RESULT (the worse eye decides)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Patient {code}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{age} y</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>diabetes {years} y</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{when} {who} removed {photo} from the {eye} (reason: {reason})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{when} {who} moved {photo} here from another patient (reason: {reason})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{when} {who} moved {photo} to another patient (reason: {reason})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{when} {who} moved {photo} from the {eye} to the {to_eye} (reason: {reason})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Corrections: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No grading model is installed, so photos cannot be graded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}: the file cannot be read ({reason})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photo of the {eye}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photos ({suffixes})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder where the camera saves photos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No new photo in the camera folder {folder}. Take the photo, wait for the camera to save it, then press again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the referral slip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Referral slip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The slip was not written: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%v of %n photo(s) graded</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Notes saved ✔</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PatientsScreen</name>
    <message>
        <source>Search by patient ID, name or phone…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>+ New patient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>◀ Camps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Patient ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Age</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sex</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Right eye</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left eye</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No patients yet. Press “+ New patient” to register the first one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Double-click a patient to open their photos and results.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{site} — {date} — operator {operator}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReferralSlip</name>
    <message>
        <source>Referral slip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The referral slip does not fit on one page; shorten the advice texts in advice.json.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{age} years</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>diabetes for {years} years</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>phone {phone}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>REFER to an eye doctor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No referral needed now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>operator {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Caution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is a screening result, not a diagnosis.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The photos were graded by a computer model to decide who must see an eye doctor. Only an eye-care professional can examine the eyes and decide on treatment. Keep good control of blood sugar and blood pressure, and come to every rescreening.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printed {time} by dr-screen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Patient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Screening camp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Advice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RIGHT EYE (OD)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LEFT EYE (OS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>refer: yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>refer: no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Likelihood of referable DR: not available for this model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Likelihood of referable DR: {percent}</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>From %n photo(s); the worst grade counts.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ResultDetails</name>
    <message>
        <source>Details of the grading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Combined score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{score} → grade {grade}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{grade} from {cut}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cut points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Combiner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>score = weights ({weights}) · [regression, classifier&apos;s expected grade, sum of ordinal] + {bias}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regression head</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ordinal head</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classifier head, per grade (one of the three inputs of the score, not the result):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The regression and ordinal outputs were not stored for this result (graded by an older version of dr-screen).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncMenu</name>
    <message>
        <source>&amp;Sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not synced: {records}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all records synced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>last sync {time} UTC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never synced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>last try failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n camp session(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n patient(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n result(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photo correction(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Sending records to the hospital hub…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping after the request on the wire…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) sent and confirmed by the hub.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Sync stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync did not finish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(unchanged)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dstok_… from the hospital</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hub address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last sync error: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>advice</name>
    <message>
        <source>No DR: no referral</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No diabetic retinopathy seen. Rescreen in 1 to 2 years.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rescreen in 1 to 2 years</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mild DR: no referral</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mild diabetic retinopathy. Rescreen in 1 year; advise good sugar and blood-pressure control.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rescreen in 1 year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UNGRADABLE: retake now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The photo cannot be graded. Retake it now (clean the lens, dilate the pupil if allowed). If it is still ungradable, refer to an eye doctor within 1 month.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retake now; if still ungradable, within 1 month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>REFER: moderate DR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moderate diabetic retinopathy. Refer to an ophthalmologist within 3 to 6 months.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Within 3 to 6 months</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>REFER SOON: severe DR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Severe non-proliferative diabetic retinopathy. Refer to an ophthalmologist within weeks (less than 3 months).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Within weeks (less than 3 months)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>URGENT REFERRAL: proliferative DR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proliferative diabetic retinopathy: risk of blindness. Refer URGENTLY, within 1 month.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>URGENT: within 1 month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add and grade a photo of each eye.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the eye hospital of your screening programme (ask the camp staff which one)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>corrections</name>
    <message>
        <source>Choose the patient to move the photo to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write why the photo is corrected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter your name: corrections are signed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That photo is not on a patient any more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The photo is already on that eye.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>grades</name>
    <message>
        <source>No DR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mild</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moderate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Severe NPDR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proliferative DR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ungradable</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>image</name>
    <message>
        <source>{name}: {width}x{height} pixels is more than the {limit} MP limit; this is not a fundus camera photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}: file not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}: no permission to read the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}: cannot read the file ({reason})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}: is a folder, not a photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}: the file is empty (0 bytes); copy the photo again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}: file of {mb} MB is too large for a photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}: image dimensions are too large</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}: not a readable image (JPEG, PNG, TIFF or BMP expected)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}: {format} images are not supported; use JPEG, PNG, TIFF or BMP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}: the photo is incomplete (truncated file); copy it again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}: the image data is damaged or incomplete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}: the image data could not be decoded</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>quality</name>
    <message>
        <source>no fundus found: the photo is dark or the retina is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no fundus found: no round retina image in the photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no fundus found: this does not look like a retina photo (no dark border)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>too dark: increase the flash or dilate the pupil, then retake</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>overexposed: lower the flash, then retake</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>too blurred: refocus the camera and keep the patient still, then retake</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>store</name>
    <message>
        <source>right eye</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>left eye</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The disk is full, so nothing was saved for this step. Free some space (or move old exports off this computer), then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The disk is full, so the photo was not saved. Free some space (or move old exports off this computer), then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dr-screen is already running on this data (process {process}), so this copy cannot open it: {folder}. Close the other dr-screen window or batch job first, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This database was written by a newer dr-screen (schema {found}, this program knows {known}). Update dr-screen to open it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the camp site and the operator&apos;s name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The camp date must look like 2025-01-31, not {date}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a camp session first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Patient ID {code} is already registered in this camp. Open that patient from the list, or check the ID.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That patient no longer exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Patient ID {code} is already used by another patient in this camp.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That photo is not stored yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This photo is already saved for patient {code} ({eye}). Choose the right photo, or take a new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the patient ID.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the patient&apos;s name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Age must be a whole number of years.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Age must be between 1 and 120 years.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the patient&apos;s sex.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Diabetes duration must be a number of years (or left empty).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Diabetes duration must be between 0 and the patient&apos;s age.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone number may only contain digits, spaces, +, - and brackets.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sync</name>
    <message>
        <source>Sync settings (Sync menu)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync stopped. The records the hub confirmed so far stay synced; the rest go with the next sync.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not make the reduced copy of photo {name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The photo file {file} in the data folder cannot be read ({reason}), so the sync stopped before it. Restore the data folder from a backup.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The hub address {url} is not valid. It looks like https://hub.example.org/screening (the server, then the database name).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The hub address must start with https://, so that patient data and the token travel encrypted. Plain http:// is only allowed for a hub on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No hub token is set. Enter the token from the hospital in {settings}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no hub database at {url}. Check the hub address in {settings}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The hub at {url} did not show a certificate this computer trusts, so nothing was sent. Ask the hospital&apos;s IT staff.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not reach the hub at {url} ({reason}). Check the network connection and try again later, or carry the records on a USB stick (sync export).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The hub refused the token, so nothing more was sent. Ask the hospital for a new token for this laptop and enter it in {settings}. (Hub said: {hub_said})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The hub did not accept the records (HTTP {status}: {hub_said}). Nothing more was sent; tell the hospital&apos;s IT staff.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no answer in time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the connection broke off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No hub address is set. Enter it in {settings}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
