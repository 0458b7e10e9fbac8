<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="hi" sourcelanguage="en">
<context>
    <name>AdminCheckDialog</name>
    <message>
        <source>Administrator</source>
        <translation>एडमिन</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>पिन</translation>
    </message>
</context>
<context>
    <name>AdminMenu</name>
    <message>
        <source>&amp;Admin</source>
        <translation>एडमिन (&amp;A)</translation>
    </message>
    <message>
        <source>Accounts…</source>
        <translation>खाते…</translation>
    </message>
    <message>
        <source>Referral hospital…</source>
        <translation>रेफ़रल अस्पताल…</translation>
    </message>
    <message>
        <source>Hub export key…</source>
        <translation>हब की निर्यात कुंजी…</translation>
    </message>
    <message>
        <source>Retention policy…</source>
        <translation>रिकॉर्ड रखने की अवधि…</translation>
    </message>
    <message>
        <source>Idle lock…</source>
        <translation>निष्क्रियता पर लॉक…</translation>
    </message>
    <message>
        <source>Change passphrase…</source>
        <translation>पासफ़्रेज़ बदलें…</translation>
    </message>
    <message>
        <source>Verify audit log</source>
        <translation>ऑडिट लॉग जाँचें</translation>
    </message>
    <message>
        <source>Restore a backup…</source>
        <translation>बैकअप वापस लाएँ…</translation>
    </message>
    <message>
        <source>Administrators only</source>
        <translation>केवल एडमिन के लिए</translation>
    </message>
    <message>
        <source>Not done</source>
        <translation>नहीं हुआ</translation>
    </message>
    <message>
        <source>The hub&apos;s export key</source>
        <translation>हब की निर्यात कुंजी</translation>
    </message>
    <message>
        <source>Hub key (hub-export.pub)</source>
        <translation>हब कुंजी (hub-export.pub)</translation>
    </message>
    <message>
        <source>Hub export key</source>
        <translation>हब की निर्यात कुंजी</translation>
    </message>
    <message>
        <source>USB exports are now encrypted for the hub key {key}.</source>
        <translation>USB निर्यात अब हब कुंजी {key} के लिए एन्क्रिप्ट होंगे।</translation>
    </message>
    <message>
        <source>Retention policy</source>
        <translation>रिकॉर्ड रखने की अवधि</translation>
    </message>
    <message>
        <source>Remove patients&apos; personal data and photos from this laptop this many days after the hub confirmed them (0: keep everything):</source>
        <translation>हब की पुष्टि के इतने दिन बाद मरीज़ों का निजी डेटा और फ़ोटो इस लैपटॉप से हटा दें (0: सब कुछ रखें):</translation>
    </message>
    <message numerus="yes">
        <source>%n patient(s) removed from this laptop now.</source>
        <translation>
            <numerusform>%n मरीज़ अभी इस लैपटॉप से हटाया गया।</numerusform>
            <numerusform>%n मरीज़ अभी इस लैपटॉप से हटाए गए।</numerusform>
        </translation>
    </message>
    <message>
        <source>Idle lock</source>
        <translation>निष्क्रियता पर लॉक</translation>
    </message>
    <message>
        <source>Lock the window after this many minutes without a key press or click:</source>
        <translation>इतने मिनट तक कोई कुंजी या क्लिक न होने पर विंडो लॉक करें:</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>ऑडिट लॉग</translation>
    </message>
    <message numerus="yes">
        <source>The audit log is intact: %n event(s), every link checked.</source>
        <translation>
            <numerusform>ऑडिट लॉग सही-सलामत है: %n घटना, हर कड़ी जाँची गई।</numerusform>
            <numerusform>ऑडिट लॉग सही-सलामत है: %n घटनाएँ, हर कड़ी जाँची गई।</numerusform>
        </translation>
    </message>
    <message>
        <source>The audit log is BROKEN at event {event}: {why}</source>
        <translation>ऑडिट लॉग घटना {event} पर टूटा हुआ है: {why}</translation>
    </message>
    <message>
        <source>Restore a backup</source>
        <translation>बैकअप वापस लाएँ</translation>
    </message>
    <message>
        <source>There is no backup yet.</source>
        <translation>अभी कोई बैकअप नहीं है।</translation>
    </message>
    <message>
        <source>Put this backup in place of the database (the current one is kept beside it). Records made after it are not in it. dr-screen closes; start it again afterwards.</source>
        <translation>डेटाबेस की जगह यह बैकअप रखें (मौजूदा डेटाबेस उसके पास रखा जाएगा)। इसके बाद बने रिकॉर्ड इसमें नहीं हैं। dr-screen बंद हो जाएगा; उसके बाद इसे फिर से शुरू करें।</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>dr-screen cannot start</source>
        <translation>dr-screen शुरू नहीं हो सका</translation>
    </message>
    <message>
        <source>The database is damaged</source>
        <translation>डेटाबेस ख़राब हो गया है</translation>
    </message>
    <message>
        <source>{problem}

An administrator can restore that backup now (the damaged file is kept).</source>
        <translation>{problem}

एडमिन अभी वह बैकअप वापस ला सकते हैं (ख़राब फ़ाइल भी रखी जाएगी)।</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>वापस लाएँ</translation>
    </message>
</context>
<context>
    <name>CampScreen</name>
    <message>
        <source>Welcome. Start today&apos;s camp, or continue an earlier one.</source>
        <translation>स्वागत है। आज का कैंप शुरू करें, या पहले का कोई कैंप जारी रखें।</translation>
    </message>
    <message>
        <source>&lt;b&gt;⚠ No grading model — photos cannot be graded.&lt;/b&gt;&lt;br&gt;{problem}&lt;br&gt;You can still register patients, view saved results and export CSV. Ask your supervisor to install the model files in the &lt;i&gt;models&lt;/i&gt; folder, then restart.</source>
        <translation>&lt;b&gt;⚠ ग्रेडिंग मॉडल नहीं है — फ़ोटो की ग्रेडिंग नहीं हो सकती।&lt;/b&gt;&lt;br&gt;{problem}&lt;br&gt;आप फिर भी मरीज़ दर्ज कर सकते हैं, सहेजे गए परिणाम देख सकते हैं और CSV निर्यात कर सकते हैं। अपने सुपरवाइज़र से मॉडल की फ़ाइलें &lt;i&gt;models&lt;/i&gt; फ़ोल्डर में डलवाएँ, फिर दोबारा शुरू करें।</translation>
    </message>
    <message>
        <source>Start a new camp session</source>
        <translation>नया कैंप सत्र शुरू करें</translation>
    </message>
    <message>
        <source>e.g. PHC Kottur</source>
        <translation>जैसे PHC कोट्टूर</translation>
    </message>
    <message>
        <source>your name</source>
        <translation>आपका नाम</translation>
    </message>
    <message>
        <source>Start camp ▶</source>
        <translation>कैंप शुरू करें ▶</translation>
    </message>
    <message>
        <source>Camp site:</source>
        <translation>कैंप का स्थान:</translation>
    </message>
    <message>
        <source>Operator:</source>
        <translation>ऑपरेटर:</translation>
    </message>
    <message>
        <source>Date:</source>
        <translation>तारीख़:</translation>
    </message>
    <message>
        <source>Or continue an earlier camp</source>
        <translation>या पहले का कैंप जारी रखें</translation>
    </message>
    <message>
        <source>Open selected camp</source>
        <translation>चुना हुआ कैंप खोलें</translation>
    </message>
</context>
<context>
    <name>CorrectionDialog</name>
    <message>
        <source>Remove or move a photo</source>
        <translation>फ़ोटो हटाएँ या खिसकाएँ</translation>
    </message>
    <message>
        <source>not graded</source>
        <translation>ग्रेड नहीं हुआ</translation>
    </message>
    <message>
        <source>Remove it from this patient (a photo of someone else, or unusable)</source>
        <translation>इस मरीज़ से हटाएँ (किसी और की फ़ोटो, या काम की नहीं)</translation>
    </message>
    <message>
        <source>Move it to the {eye} of this patient</source>
        <translation>इस मरीज़ की {eye} पर ले जाएँ</translation>
    </message>
    <message>
        <source>Move it to another patient of this camp:</source>
        <translation>इस कैंप के किसी दूसरे मरीज़ पर ले जाएँ:</translation>
    </message>
    <message>
        <source>There is no other patient in this camp.</source>
        <translation>इस कैंप में कोई दूसरा मरीज़ नहीं है।</translation>
    </message>
    <message>
        <source>e.g. photo of the next patient; taken of the left eye</source>
        <translation>जैसे अगले मरीज़ की फ़ोटो; बाईं आँख की ली गई थी</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>फ़ोटो</translation>
    </message>
    <message>
        <source>Correction</source>
        <translation>सुधार</translation>
    </message>
    <message>
        <source>Reason *</source>
        <translation>कारण *</translation>
    </message>
    <message>
        <source>Signed by</source>
        <translation>सुधारकर्ता</translation>
    </message>
    <message>
        <source>Apply correction</source>
        <translation>सुधार लागू करें</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>रद्द करें</translation>
    </message>
    <message>
        <source>Nothing is deleted: the change, your name and the reason are kept and sent with the next sync.</source>
        <translation>कुछ भी मिटाया नहीं जाता: बदलाव, आपका नाम और कारण सहेजे जाते हैं और अगले सिंक के साथ भेजे जाते हैं।</translation>
    </message>
</context>
<context>
    <name>EyePanel</name>
    <message>
        <source>RIGHT EYE (OD)</source>
        <translation>दाईं आँख (OD)</translation>
    </message>
    <message>
        <source>LEFT EYE (OS)</source>
        <translation>बाईं आँख (OS)</translation>
    </message>
    <message>
        <source>Add photo…</source>
        <translation>फ़ोटो जोड़ें…</translation>
    </message>
    <message>
        <source>From camera folder</source>
        <translation>कैमरा फ़ोल्डर से</translation>
    </message>
    <message>
        <source>Remove or move…</source>
        <translation>हटाएँ या खिसकाएँ…</translation>
    </message>
    <message>
        <source>Photo on the wrong eye or the wrong patient? Remove it or move it, with the reason. Nothing is deleted.</source>
        <translation>फ़ोटो ग़लत आँख या ग़लत मरीज़ पर है? कारण लिखकर उसे हटाएँ या खिसकाएँ। कुछ भी मिटाया नहीं जाता।</translation>
    </message>
    <message>
        <source>Heat map: red areas influenced the grade most</source>
        <translation>हीट मैप: लाल हिस्सों ने ग्रेड पर सबसे ज़्यादा असर डाला</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>फ़ोटो</translation>
    </message>
    <message>
        <source>Heat map: red = raised the grade</source>
        <translation>हीट मैप: लाल = ग्रेड बढ़ाया</translation>
    </message>
    <message>
        <source>Details…</source>
        <translation>विवरण…</translation>
    </message>
    <message>
        <source>The model&apos;s raw outputs behind the score</source>
        <translation>स्कोर के पीछे मॉडल के मूल आउटपुट</translation>
    </message>
    <message>
        <source>No grading model installed</source>
        <translation>कोई ग्रेडिंग मॉडल इंस्टॉल नहीं है</translation>
    </message>
    <message>
        <source>Drop the photo of this eye here, or use the buttons above</source>
        <translation>इस आँख की फ़ोटो यहाँ छोड़ें, या ऊपर के बटन इस्तेमाल करें</translation>
    </message>
    <message>
        <source>No photo yet</source>
        <translation>अभी कोई फ़ोटो नहीं</translation>
    </message>
    <message>
        <source>Grading… please wait</source>
        <translation>ग्रेडिंग हो रही है… कृपया रुकें</translation>
    </message>
    <message>
        <source>⚠ Photo not used: {message}
Choose another photo or take it again.</source>
        <translation>⚠ फ़ोटो इस्तेमाल नहीं हुई: {message}
दूसरी फ़ोटो चुनें या फिर से लें।</translation>
    </message>
    <message>
        <source>The retake is ungradable too.
Reason: {reasons}
Refer to eye doctor: YES, within 1 month.</source>
        <translation>दोबारा ली गई फ़ोटो भी ग्रेड नहीं हो सकी।
कारण: {reasons}
आँखों के डॉक्टर के पास भेजें: हाँ, 1 महीने के अंदर।</translation>
    </message>
    <message>
        <source>Refer to eye doctor: YES</source>
        <translation>आँखों के डॉक्टर के पास भेजें: हाँ</translation>
    </message>
    <message>
        <source>Refer to eye doctor: YES (score above the screening threshold)</source>
        <translation>आँखों के डॉक्टर के पास भेजें: हाँ (स्कोर स्क्रीनिंग सीमा से ऊपर)</translation>
    </message>
    <message>
        <source>Refer to eye doctor: no</source>
        <translation>आँखों के डॉक्टर के पास भेजें: नहीं</translation>
    </message>
    <message>
        <source>Grade from the model&apos;s combined score: {score}</source>
        <translation>ग्रेड मॉडल के संयुक्त स्कोर से: {score}</translation>
    </message>
    <message>
        <source>UNGRADABLE</source>
        <translation>ग्रेड नहीं हो सकता</translation>
    </message>
    <message>
        <source>↻ RETAKE this photo now, while the patient is here, and add it with the buttons above.
Reason: {reasons}
Refer to eye doctor: YES, if the retake is still ungradable.</source>
        <translation>↻ मरीज़ के यहाँ रहते ही यह फ़ोटो अभी दोबारा लें, और ऊपर के बटन से जोड़ें।
कारण: {reasons}
आँखों के डॉक्टर के पास भेजें: हाँ, अगर दोबारा ली गई फ़ोटो भी ग्रेड न हो सके।</translation>
    </message>
    <message numerus="yes">
        <source>Eye result from %n photo(s): {grade}</source>
        <translation>
            <numerusform>%n फ़ोटो से आँख का परिणाम: {grade}</numerusform>
            <numerusform>%n फ़ोटो से आँख का परिणाम: {grade}</numerusform>
        </translation>
    </message>
    <message>
        <source>Likelihood of referable DR: not available for this model</source>
        <translation>रेफ़र करने योग्य DR की संभावना: इस मॉडल में उपलब्ध नहीं</translation>
    </message>
    <message>
        <source>Likelihood of referable DR: {percent}</source>
        <translation>रेफ़र करने योग्य DR की संभावना: {percent}</translation>
    </message>
</context>
<context>
    <name>Form</name>
    <message>
        <source>Cancel</source>
        <translation>रद्द करें</translation>
    </message>
</context>
<context>
    <name>GradingQueue</name>
    <message>
        <source>Grading failed unexpectedly ({error}). Add the photo again.</source>
        <translation>ग्रेडिंग अचानक विफल हुई ({error})। फ़ोटो फिर से जोड़ें।</translation>
    </message>
</context>
<context>
    <name>HospitalDialog</name>
    <message>
        <source>Referral hospital</source>
        <translation>रेफ़रल अस्पताल</translation>
    </message>
    <message>
        <source>Where patients who need an eye doctor go: it is printed on their referral slip. Name the hospital and its town, and the days it sees patients if that helps.</source>
        <translation>जिन मरीज़ों को आँखों के डॉक्टर को दिखाना है, वे यहाँ जाते हैं: यह उनकी रेफ़रल पर्ची पर छपता है। अस्पताल और उसके शहर का नाम लिखें, और काम आए तो यह भी कि किन दिनों मरीज़ देखे जाते हैं।</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>सहेजें</translation>
    </message>
    <message>
        <source>e.g. District Eye Hospital, Melur (Mon-Sat 9-13)</source>
        <translation>जैसे ज़िला नेत्र अस्पताल, मेलूर (सोम-शनि 9-13)</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Sign in</source>
        <translation>साइन इन करें</translation>
    </message>
    <message>
        <source>Choose your name and enter your PIN.</source>
        <translation>अपना नाम चुनें और अपना पिन डालें।</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>नाम</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>पिन</translation>
    </message>
    <message>
        <source>Quit dr-screen</source>
        <translation>dr-screen बंद करें</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>dr-screen — diabetic retinopathy screening</source>
        <translation>dr-screen — डायबिटिक रेटिनोपैथी जाँच</translation>
    </message>
    <message>
        <source>Locked. Sign in to go on.</source>
        <translation>लॉक है। आगे बढ़ने के लिए साइन इन करें।</translation>
    </message>
    <message>
        <source>Model: {name} {version}</source>
        <translation>मॉडल: {name} {version}</translation>
    </message>
    <message>
        <source>⚠ No grading model</source>
        <translation>⚠ कोई ग्रेडिंग मॉडल नहीं</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>फ़ाइल (&amp;F)</translation>
    </message>
    <message>
        <source>Export patients (CSV)…</source>
        <translation>मरीज़ निर्यात करें (CSV)…</translation>
    </message>
    <message>
        <source>Export photos (CSV)…</source>
        <translation>फ़ोटो निर्यात करें (CSV)…</translation>
    </message>
    <message>
        <source>Install model update…</source>
        <translation>मॉडल अपडेट इंस्टॉल करें…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>बंद करें</translation>
    </message>
    <message>
        <source>Sess&amp;ion</source>
        <translation>सत्र (&amp;I)</translation>
    </message>
    <message>
        <source>Lock now (switch user)</source>
        <translation>अभी लॉक करें (यूज़र बदलें)</translation>
    </message>
    <message>
        <source>Locked. Choose your name and enter your PIN.</source>
        <translation>लॉक है। अपना नाम चुनें और अपना पिन डालें।</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>भाषा (&amp;L)</translation>
    </message>
    <message>
        <source>Computer&apos;s language</source>
        <translation>कंप्यूटर की भाषा</translation>
    </message>
    <message>
        <source>About dr-screen</source>
        <translation>dr-screen के बारे में</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>सहायता (&amp;H)</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>भाषा</translation>
    </message>
    <message>
        <source>The records are being sent to the hub. Choose the language again when the sync is finished.</source>
        <translation>रिकॉर्ड हब को भेजे जा रहे हैं। सिंक पूरा होने पर भाषा दोबारा चुनें।</translation>
    </message>
    <message>
        <source>Signed in: {name} ({role})</source>
        <translation>साइन इन: {name} ({role})</translation>
    </message>
    <message numerus="yes">
        <source>Locked after %n idle minute(s). Choose your name and enter your PIN.</source>
        <translation>
            <numerusform>%n मिनट कोई गतिविधि न होने पर लॉक हुआ। अपना नाम चुनें और अपना पिन डालें।</numerusform>
            <numerusform>%n मिनट कोई गतिविधि न होने पर लॉक हुआ। अपना नाम चुनें और अपना पिन डालें।</numerusform>
        </translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>लॉक है</translation>
    </message>
    <message>
        <source>Delete patient</source>
        <translation>मरीज़ का रिकॉर्ड मिटाएँ</translation>
    </message>
    <message>
        <source>Delete this patient for good? Their name, ID, phone, notes and photos are erased from this laptop and, at the next sync, from the hospital&apos;s hub. Their anonymous grades stay. This cannot be undone.</source>
        <translation>क्या इस मरीज़ का रिकॉर्ड हमेशा के लिए मिटाएँ? उनका नाम, ID, फ़ोन, टिप्पणियाँ और फ़ोटो इस लैपटॉप से और अगले सिंक पर अस्पताल के हब से मिटा दिए जाएँगे। उनके बिना नाम वाले ग्रेड बने रहेंगे। इसे पलटा नहीं जा सकता।</translation>
    </message>
    <message>
        <source>Not deleted</source>
        <translation>नहीं मिटाया गया</translation>
    </message>
    <message>
        <source>Restore a backup</source>
        <translation>बैकअप वापस लाएँ</translation>
    </message>
    <message>
        <source>An administrator of that backup confirms with their name and PIN.</source>
        <translation>उस बैकअप का कोई एडमिन अपने नाम और पिन से पुष्टि करे।</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>वापस लाएँ</translation>
    </message>
    <message>
        <source>Not restored</source>
        <translation>वापस नहीं लाया गया</translation>
    </message>
    <message>
        <source>{problem}

dr-screen closes now; start it again.</source>
        <translation>{problem}

dr-screen अब बंद हो रहा है; इसे फिर से शुरू करें।</translation>
    </message>
    <message>
        <source>Restored</source>
        <translation>वापस लाया गया</translation>
    </message>
    <message>
        <source>The backup is restored. dr-screen closes now: start it again, and check the last records.</source>
        <translation>बैकअप वापस आ गया। dr-screen अब बंद हो रहा है: इसे फिर से शुरू करें और आख़िरी रिकॉर्ड जाँचें।</translation>
    </message>
    <message>
        <source>Photo not saved</source>
        <translation>फ़ोटो सहेजी नहीं गई</translation>
    </message>
    <message>
        <source>Export the patients of the camps held between:</source>
        <translation>इन तारीख़ों के बीच हुए कैंपों के मरीज़ निर्यात करें:</translation>
    </message>
    <message>
        <source>Export the photos of the camps held between:</source>
        <translation>इन तारीख़ों के बीच हुए कैंपों की फ़ोटो निर्यात करें:</translation>
    </message>
    <message>
        <source>From</source>
        <translation>से</translation>
    </message>
    <message>
        <source>To</source>
        <translation>तक</translation>
    </message>
    <message>
        <source>Only the open camp ({site}, {date})</source>
        <translation>केवल खुला हुआ कैंप ({site}, {date})</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>निर्यात करें</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>रद्द करें</translation>
    </message>
    <message>
        <source>Export patients</source>
        <translation>मरीज़ निर्यात करें</translation>
    </message>
    <message>
        <source>Export photos</source>
        <translation>फ़ोटो निर्यात करें</translation>
    </message>
    <message>
        <source>A CSV file is plain text: unlike dr-screen&apos;s own records it is NOT encrypted, and anyone who gets the file can read the names and results in it. Keep it only as long as needed, on an encrypted disk, and delete it after use.

Write the CSV file?</source>
        <translation>CSV फ़ाइल सादा टेक्स्ट होती है: dr-screen के अपने रिकॉर्ड के उलट यह एन्क्रिप्ट नहीं होती, और जिसके पास भी यह फ़ाइल पहुँचे, वह इसमें लिखे नाम और नतीजे पढ़ सकता है। इसे केवल ज़रूरत भर, एन्क्रिप्ट की गई डिस्क पर रखें, और काम के बाद मिटा दें।

CSV फ़ाइल लिखें?</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>The file was not written: {reason}</source>
        <translation>फ़ाइल नहीं लिखी गई: {reason}</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) written to {path}</source>
        <translation>
            <numerusform>%n पंक्ति {path} में लिखी गई</numerusform>
            <numerusform>%n पंक्तियाँ {path} में लिखी गईं</numerusform>
        </translation>
    </message>
    <message>
        <source>Model: &lt;b&gt;{name}&lt;/b&gt; version &lt;b&gt;{version}&lt;/b&gt; ({mode}, input {size} px)</source>
        <translation>मॉडल: &lt;b&gt;{name}&lt;/b&gt; संस्करण &lt;b&gt;{version}&lt;/b&gt; ({mode}, इनपुट {size} px)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Caution:&lt;/b&gt; {warning}</source>
        <translation>&lt;b&gt;सावधानी:&lt;/b&gt; {warning}</translation>
    </message>
    <message>
        <source>No grading model: {problem}</source>
        <translation>कोई ग्रेडिंग मॉडल नहीं: {problem}</translation>
    </message>
    <message>
        <source>&lt;h3&gt;dr-screen&lt;/h3&gt;&lt;p&gt;Offline diabetic-retinopathy screening.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;dr-screen&lt;/h3&gt;&lt;p&gt;बिना इंटरनेट डायबिटिक रेटिनोपैथी जाँच।&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Data folder: {folder}</source>
        <translation>डेटा फ़ोल्डर: {folder}</translation>
    </message>
    <message>
        <source>This tool supports screening; it does not replace an eye doctor.</source>
        <translation>यह साधन जाँच में मदद करता है; यह आँखों के डॉक्टर की जगह नहीं लेता।</translation>
    </message>
    <message>
        <source>Grading in progress</source>
        <translation>ग्रेडिंग चल रही है</translation>
    </message>
    <message>
        <source>Photos are still being graded. Wait for them and then quit?</source>
        <translation>फ़ोटो की ग्रेडिंग अभी चल रही है। उसके पूरा होने तक रुककर बंद करें?</translation>
    </message>
    <message>
        <source>Wait, then quit</source>
        <translation>रुकें, फिर बंद करें</translation>
    </message>
    <message>
        <source>Keep working</source>
        <translation>काम जारी रखें</translation>
    </message>
    <message>
        <source>Backup not made</source>
        <translation>बैकअप नहीं बना</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>OK</source>
        <translation>ठीक है</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>रद्द करें</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>हाँ</translation>
    </message>
    <message>
        <source>No</source>
        <translation>नहीं</translation>
    </message>
</context>
<context>
    <name>ModelUpdate</name>
    <message>
        <source>Install model update</source>
        <translation>मॉडल अपडेट इंस्टॉल करें</translation>
    </message>
    <message>
        <source>Model not installed</source>
        <translation>मॉडल इंस्टॉल नहीं हुआ</translation>
    </message>
    <message>
        <source>Model bundle (*.json)</source>
        <translation>मॉडल बंडल (*.json)</translation>
    </message>
    <message>
        <source>The bundle is signed by a trusted publisher and intact. What changes:

{changes}

Install it? dr-screen grades with it from its next start.</source>
        <translation>यह बंडल एक भरोसेमंद प्रकाशक के हस्ताक्षर वाला है और पूरा सही है। क्या बदलेगा:

{changes}

क्या इसे इंस्टॉल करें? dr-screen अगली बार शुरू होने से इसी से ग्रेडिंग करेगा।</translation>
    </message>
    <message>
        <source>Model installed</source>
        <translation>मॉडल इंस्टॉल हो गया</translation>
    </message>
    <message>
        <source>{name} {version} is installed. Close dr-screen and start it again to grade with it. To go back: {command}.</source>
        <translation>{name} {version} इंस्टॉल हो गया है। इससे ग्रेडिंग के लिए dr-screen बंद करके दोबारा शुरू करें। पिछले मॉडल पर लौटने के लिए: {command}।</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <source>Change passphrase</source>
        <translation>पासफ़्रेज़ बदलें</translation>
    </message>
    <message>
        <source>The new passphrase is asked for at every start from now on. The recovery key stays valid.</source>
        <translation>अब से हर बार शुरू होने पर नया पासफ़्रेज़ पूछा जाएगा। रिकवरी कुंजी मान्य रहेगी।</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>बदलें</translation>
    </message>
    <message>
        <source>Current passphrase</source>
        <translation>मौजूदा पासफ़्रेज़</translation>
    </message>
    <message>
        <source>New passphrase</source>
        <translation>नया पासफ़्रेज़</translation>
    </message>
    <message>
        <source>New passphrase again</source>
        <translation>नया पासफ़्रेज़ दोबारा</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>दोनों पासफ़्रेज़ अलग हैं।</translation>
    </message>
</context>
<context>
    <name>PatientForm</name>
    <message>
        <source>Female</source>
        <translation>महिला</translation>
    </message>
    <message>
        <source>Male</source>
        <translation>पुरुष</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>अन्य</translation>
    </message>
    <message>
        <source>New patient</source>
        <translation>नया मरीज़</translation>
    </message>
    <message>
        <source>ID card or register number</source>
        <translation>पहचान-पत्र या रजिस्टर नंबर</translation>
    </message>
    <message>
        <source>years</source>
        <translation>साल</translation>
    </message>
    <message>
        <source>— choose —</source>
        <translation>— चुनें —</translation>
    </message>
    <message>
        <source>years (optional)</source>
        <translation>साल (वैकल्पिक)</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>वैकल्पिक</translation>
    </message>
    <message>
        <source>Save patient</source>
        <translation>मरीज़ सहेजें</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>रद्द करें</translation>
    </message>
    <message>
        <source>Patient ID *</source>
        <translation>मरीज़ ID *</translation>
    </message>
    <message>
        <source>Name *</source>
        <translation>नाम *</translation>
    </message>
    <message>
        <source>Age *</source>
        <translation>उम्र *</translation>
    </message>
    <message>
        <source>Sex *</source>
        <translation>लिंग *</translation>
    </message>
    <message>
        <source>Diabetes (years)</source>
        <translation>डायबिटीज़ (साल)</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>फ़ोन</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>टिप्पणी</translation>
    </message>
</context>
<context>
    <name>PatientScreen</name>
    <message>
        <source>◀ Patient list</source>
        <translation>◀ मरीज़ों की सूची</translation>
    </message>
    <message>
        <source>Referral slip (PDF)…</source>
        <translation>रेफ़रल पर्ची (PDF)…</translation>
    </message>
    <message>
        <source>A one-page slip for the patient: result, advice, where to go, the photos. Opens it for printing.</source>
        <translation>मरीज़ के लिए एक पन्ने की पर्ची: परिणाम, सलाह, कहाँ जाना है, फ़ोटो। छापने के लिए खुलती है।</translation>
    </message>
    <message>
        <source>Cancel grading</source>
        <translation>ग्रेडिंग रद्द करें</translation>
    </message>
    <message>
        <source>Technician notes (e.g. cataract, could not dilate)…</source>
        <translation>तकनीशियन की टिप्पणी (जैसे मोतियाबिंद, पुतली नहीं फैल सकी)…</translation>
    </message>
    <message>
        <source>Save notes</source>
        <translation>टिप्पणी सहेजें</translation>
    </message>
    <message>
        <source>Delete patient…</source>
        <translation>मरीज़ का रिकॉर्ड मिटाएँ…</translation>
    </message>
    <message>
        <source>Administrators only: erase this patient here and at the hub</source>
        <translation>केवल एडमिन के लिए: इस मरीज़ को यहाँ और हब पर मिटाएँ</translation>
    </message>
    <message>
        <source>PATIENT RESULT (the worse eye decides)</source>
        <translation>मरीज़ का परिणाम (ज़्यादा ख़राब आँख तय करती है)</translation>
    </message>
    <message>
        <source>Patient {code}</source>
        <translation>मरीज़ {code}</translation>
    </message>
    <message>
        <source>{age} y</source>
        <translation>{age} साल</translation>
    </message>
    <message>
        <source>diabetes {years} y</source>
        <translation>डायबिटीज़ {years} साल</translation>
    </message>
    <message>
        <source>{when} {who} removed {photo} from the {eye} (reason: {reason})</source>
        <translation>{when} {who} ने {photo} को {eye} से हटाया (कारण: {reason})</translation>
    </message>
    <message>
        <source>{when} {who} moved {photo} here from another patient (reason: {reason})</source>
        <translation>{when} {who} ने {photo} को दूसरे मरीज़ से यहाँ खिसकाया (कारण: {reason})</translation>
    </message>
    <message>
        <source>{when} {who} moved {photo} to another patient (reason: {reason})</source>
        <translation>{when} {who} ने {photo} को दूसरे मरीज़ पर खिसकाया (कारण: {reason})</translation>
    </message>
    <message>
        <source>{when} {who} moved {photo} from the {eye} to the {to_eye} (reason: {reason})</source>
        <translation>{when} {who} ने {photo} को {eye} से {to_eye} पर खिसकाया (कारण: {reason})</translation>
    </message>
    <message>
        <source>Corrections: </source>
        <translation>सुधार: </translation>
    </message>
    <message>
        <source>The file name {file} says {named}, but it was added to the {eye}. If it is a photo of the {named}, move it with “Remove or move…”.</source>
        <translation>फ़ाइल का नाम {file} कहता है कि यह {named} की है, लेकिन इसे {eye} में जोड़ा गया। अगर यह {named} की फ़ोटो है, तो इसे “हटाएँ या खिसकाएँ…” से खिसकाएँ।</translation>
    </message>
    <message>
        <source>No grading model is installed, so photos cannot be graded.</source>
        <translation>कोई ग्रेडिंग मॉडल इंस्टॉल नहीं है, इसलिए फ़ोटो की ग्रेडिंग नहीं हो सकती।</translation>
    </message>
    <message>
        <source>Photo of the {eye}</source>
        <translation>{eye} की फ़ोटो</translation>
    </message>
    <message>
        <source>Photos ({suffixes})</source>
        <translation>फ़ोटो ({suffixes})</translation>
    </message>
    <message>
        <source>From camera folder</source>
        <translation>कैमरा फ़ोल्डर से</translation>
    </message>
    <message>
        <source>Choose another folder…</source>
        <translation>दूसरा फ़ोल्डर चुनें…</translation>
    </message>
    <message>
        <source>Folder where the camera saves photos</source>
        <translation>वह फ़ोल्डर जहाँ कैमरा फ़ोटो सहेजता है</translation>
    </message>
    <message>
        <source>No new photo in the camera folder {folder}. Take the photo, wait for the camera to save it, then press again.</source>
        <translation>कैमरा फ़ोल्डर {folder} में कोई नई फ़ोटो नहीं है। फ़ोटो लें, कैमरे के सहेजने तक रुकें, फिर दोबारा दबाएँ।</translation>
    </message>
    <message>
        <source>Camera folder: {folder}</source>
        <translation>कैमरा फ़ोल्डर: {folder}</translation>
    </message>
    <message>
        <source>Save the referral slip</source>
        <translation>रेफ़रल पर्ची सहेजें</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Referral slip</source>
        <translation>रेफ़रल पर्ची</translation>
    </message>
    <message>
        <source>The slip was not written: {reason}</source>
        <translation>पर्ची नहीं लिखी गई: {reason}</translation>
    </message>
    <message>
        <source>✔ Referral slip saved as {path} and opened for printing.</source>
        <translation>✔ रेफ़रल पर्ची {path} के रूप में सहेजी गई और छापने के लिए खोली गई।</translation>
    </message>
    <message>
        <source>✔ Referral slip saved as {path}.</source>
        <translation>✔ रेफ़रल पर्ची {path} के रूप में सहेजी गई।</translation>
    </message>
    <message>
        <source>The referral slip is saved as {path}, but no program on this computer opens PDF files, so it could not be opened for printing. Print the file from another computer, or ask for a PDF viewer to be installed.</source>
        <translation>रेफ़रल पर्ची {path} के रूप में सहेजी गई है, लेकिन इस कंप्यूटर पर PDF फ़ाइलें खोलने वाला कोई प्रोग्राम नहीं है, इसलिए इसे छापने के लिए खोला नहीं जा सका। फ़ाइल किसी दूसरे कंप्यूटर से छापें, या PDF देखने का प्रोग्राम इंस्टॉल करवाएँ।</translation>
    </message>
    <message numerus="yes">
        <source>%v of %n photo(s) graded</source>
        <translation>
            <numerusform>%n में से %v फ़ोटो ग्रेड हुई</numerusform>
            <numerusform>%n में से %v फ़ोटो ग्रेड हुईं</numerusform>
        </translation>
    </message>
    <message>
        <source>Notes saved ✔</source>
        <translation>टिप्पणी सहेजी गई ✔</translation>
    </message>
</context>
<context>
    <name>PatientsScreen</name>
    <message>
        <source>Search by patient ID, name or phone…</source>
        <translation>मरीज़ ID, नाम या फ़ोन से खोजें…</translation>
    </message>
    <message>
        <source>+ New patient</source>
        <translation>+ नया मरीज़</translation>
    </message>
    <message>
        <source>◀ Camps</source>
        <translation>◀ कैंप</translation>
    </message>
    <message>
        <source>Patient ID</source>
        <translation>मरीज़ ID</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>नाम</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>उम्र</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>लिंग</translation>
    </message>
    <message>
        <source>Right eye</source>
        <translation>दाईं आँख</translation>
    </message>
    <message>
        <source>Left eye</source>
        <translation>बाईं आँख</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>परिणाम</translation>
    </message>
    <message>
        <source>No patients yet. Press “+ New patient” to register the first one.</source>
        <translation>अभी कोई मरीज़ नहीं। पहला मरीज़ दर्ज करने के लिए “+ नया मरीज़” दबाएँ।</translation>
    </message>
    <message>
        <source>Double-click a patient to open their photos and results.</source>
        <translation>फ़ोटो और परिणाम देखने के लिए मरीज़ पर डबल-क्लिक करें।</translation>
    </message>
    <message>
        <source>{site} — {date} — operator {operator}</source>
        <translation>{site} — {date} — ऑपरेटर {operator}</translation>
    </message>
</context>
<context>
    <name>RecoverDialog</name>
    <message>
        <source>Forgotten passphrase</source>
        <translation>पासफ़्रेज़ भूल गए</translation>
    </message>
    <message>
        <source>Type the recovery key that was written down when dr-screen was set up on this laptop, and choose a new passphrase.</source>
        <translation>वह रिकवरी कुंजी लिखें जो इस लैपटॉप पर dr-screen सेट अप करते समय लिखकर रखी गई थी, और नया पासफ़्रेज़ चुनें।</translation>
    </message>
    <message>
        <source>Set the new passphrase</source>
        <translation>नया पासफ़्रेज़ रखें</translation>
    </message>
    <message>
        <source>Recovery key</source>
        <translation>रिकवरी कुंजी</translation>
    </message>
    <message>
        <source>New passphrase</source>
        <translation>नया पासफ़्रेज़</translation>
    </message>
    <message>
        <source>New passphrase again</source>
        <translation>नया पासफ़्रेज़ दोबारा</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>दोनों पासफ़्रेज़ अलग हैं।</translation>
    </message>
</context>
<context>
    <name>RecoveryKeyDialog</name>
    <message>
        <source>Your recovery key</source>
        <translation>आपकी रिकवरी कुंजी</translation>
    </message>
    <message>
        <source>If the passphrase is ever forgotten, this recovery key is the only way to open the records. It is shown now and never again.

Write it on paper and keep it locked away from the laptop, e.g. in the hospital&apos;s safe. Anyone with the laptop and this key can read the records.</source>
        <translation>अगर कभी पासफ़्रेज़ भूल जाएँ, तो रिकॉर्ड खोलने का यही रिकवरी कुंजी अकेला रास्ता है। यह अभी दिखाई जा रही है और फिर कभी नहीं दिखेगी।

इसे काग़ज़ पर लिखें और लैपटॉप से दूर ताले में रखें, जैसे अस्पताल की तिजोरी में। जिसके पास लैपटॉप और यह कुंजी दोनों हों, वह रिकॉर्ड पढ़ सकता है।</translation>
    </message>
    <message>
        <source>I have written the recovery key down and will keep it away from this laptop</source>
        <translation>रिकवरी कुंजी लिख ली गई है और इसे इस लैपटॉप से दूर रखा जाएगा</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>आगे बढ़ें</translation>
    </message>
</context>
<context>
    <name>ReferralSlip</name>
    <message>
        <source>Referral slip</source>
        <translation>रेफ़रल पर्ची</translation>
    </message>
    <message>
        <source>The referral slip does not fit on one page; shorten the advice texts in advice.json.</source>
        <translation>रेफ़रल पर्ची एक पन्ने में नहीं आती; advice.json में सलाह के पाठ छोटे करें।</translation>
    </message>
    <message>
        <source>{age} years</source>
        <translation>{age} साल</translation>
    </message>
    <message>
        <source>diabetes for {years} years</source>
        <translation>{years} साल से डायबिटीज़</translation>
    </message>
    <message>
        <source>phone {phone}</source>
        <translation>फ़ोन {phone}</translation>
    </message>
    <message>
        <source>Printed {time} by dr-screen.</source>
        <translation>{time} को dr-screen द्वारा छापा गया।</translation>
    </message>
    <message>
        <source>Graded by the model: {models}</source>
        <translation>ग्रेडिंग करने वाला मॉडल: {models}</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>मरीज़</translation>
    </message>
    <message>
        <source>Go to</source>
        <translation>कहाँ जाएँ</translation>
    </message>
    <message>
        <source>RIGHT EYE (OD)</source>
        <translation>दाईं आँख (OD)</translation>
    </message>
    <message>
        <source>LEFT EYE (OS)</source>
        <translation>बाईं आँख (OS)</translation>
    </message>
    <message>
        <source>screened by {name}</source>
        <translation>जाँचकर्ता {name}</translation>
    </message>
    <message>
        <source>Eye check for diabetes: your result</source>
        <translation>डायबिटीज़ में आँखों की जाँच: आपका परिणाम</translation>
    </message>
    <message>
        <source>This is a screening result, not a diagnosis: only an eye doctor can examine your eyes and decide on treatment. Keep good control of your blood sugar and blood pressure, and come to every eye check.</source>
        <translation>यह जाँच का परिणाम है, निदान नहीं: केवल आँखों के डॉक्टर ही आपकी आँखों की जाँच करके इलाज तय कर सकते हैं। अपनी ब्लड शुगर और ब्लड प्रेशर अच्छी तरह नियंत्रित रखें, और आँखों की हर जाँच पर आएँ।</translation>
    </message>
    <message>
        <source>Screened at</source>
        <translation>जाँच की जगह</translation>
    </message>
    <message>
        <source>Take this slip with you.</source>
        <translation>यह पर्ची साथ ले जाएँ।</translation>
    </message>
    <message>
        <source>No graded photo</source>
        <translation>कोई ग्रेड की हुई फ़ोटो नहीं</translation>
    </message>
    <message>
        <source>Found: {finding}</source>
        <translation>मिला: {finding}</translation>
    </message>
    <message>
        <source>For the eye doctor and the staff:</source>
        <translation>आँखों के डॉक्टर और स्टाफ़ के लिए:</translation>
    </message>
    <message>
        <source>Right eye (OD)</source>
        <translation>दाईं आँख (OD)</translation>
    </message>
    <message>
        <source>Left eye (OS)</source>
        <translation>बाईं आँख (OS)</translation>
    </message>
    <message>
        <source>refer: yes (score above the screening threshold, DR not ruled out)</source>
        <translation>रेफ़र: हाँ (स्कोर स्क्रीनिंग सीमा से ऊपर, DR से इनकार नहीं)</translation>
    </message>
    <message>
        <source>refer: yes</source>
        <translation>रेफ़र: हाँ</translation>
    </message>
    <message>
        <source>refer: no</source>
        <translation>रेफ़र: नहीं</translation>
    </message>
    <message>
        <source>Grade: {grade}</source>
        <translation>ग्रेड: {grade}</translation>
    </message>
    <message>
        <source>UNGRADABLE</source>
        <translation>ग्रेड नहीं हो सकता</translation>
    </message>
    <message>
        <source>Likelihood of referable DR: not available for this model</source>
        <translation>रेफ़र करने योग्य DR की संभावना: इस मॉडल में उपलब्ध नहीं</translation>
    </message>
    <message>
        <source>Likelihood of referable DR: {percent}</source>
        <translation>रेफ़र करने योग्य DR की संभावना: {percent}</translation>
    </message>
    <message numerus="yes">
        <source>From %n photo(s); the worst grade counts.</source>
        <translation>
            <numerusform>%n फ़ोटो से; सबसे ख़राब ग्रेड गिना जाता है।</numerusform>
            <numerusform>%n फ़ोटो से; सबसे ख़राब ग्रेड गिना जाता है।</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ResultDetails</name>
    <message>
        <source>Details of the grading</source>
        <translation>ग्रेडिंग का विवरण</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>मॉडल</translation>
    </message>
    <message>
        <source>Combined score</source>
        <translation>संयुक्त स्कोर</translation>
    </message>
    <message>
        <source>{score} → grade {grade}</source>
        <translation>{score} → ग्रेड {grade}</translation>
    </message>
    <message>
        <source>{grade} from {cut}</source>
        <translation>{cut} से {grade}</translation>
    </message>
    <message>
        <source>Cut points</source>
        <translation>सीमा-बिंदु</translation>
    </message>
    <message>
        <source>Referral threshold</source>
        <translation>रेफ़रल सीमा</translation>
    </message>
    <message>
        <source>refer from {threshold}, whatever the grade (the screening point, set for sensitivity on calibration photos)</source>
        <translation>{threshold} से रेफ़र करें, ग्रेड चाहे जो हो (स्क्रीनिंग बिंदु, कैलिब्रेशन फ़ोटो पर संवेदनशीलता के लिए तय)</translation>
    </message>
    <message>
        <source>Combiner</source>
        <translation>संयोजक</translation>
    </message>
    <message>
        <source>score = weights ({weights}) · [regression, classifier&apos;s expected grade, sum of ordinal] + {bias}</source>
        <translation>स्कोर = भार ({weights}) · [रिग्रेशन, क्लासिफ़ायर का अपेक्षित ग्रेड, ऑर्डिनल का योग] + {bias}</translation>
    </message>
    <message>
        <source>Regression head</source>
        <translation>रिग्रेशन हेड</translation>
    </message>
    <message>
        <source>Ordinal head</source>
        <translation>ऑर्डिनल हेड</translation>
    </message>
    <message>
        <source>Classifier head, per grade (one of the three inputs of the score, not the result):</source>
        <translation>क्लासिफ़ायर हेड, हर ग्रेड के लिए (स्कोर के तीन इनपुट में से एक, परिणाम नहीं):</translation>
    </message>
    <message>
        <source>The regression and ordinal outputs were not stored for this result (graded by an older version of dr-screen).</source>
        <translation>इस परिणाम के रिग्रेशन और ऑर्डिनल आउटपुट सहेजे नहीं गए थे (dr-screen के पुराने संस्करण ने ग्रेड किया)।</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>बंद करें</translation>
    </message>
</context>
<context>
    <name>SetupDialog</name>
    <message>
        <source>Welcome to dr-screen. Everything it keeps on this laptop is encrypted with a passphrase, asked for each time it starts. Then each person signs in with their own account and PIN.</source>
        <translation>dr-screen में आपका स्वागत है। यह इस लैपटॉप पर जो कुछ रखता है, वह एक पासफ़्रेज़ से एन्क्रिप्ट होता है, जो हर बार शुरू होने पर पूछा जाता है। फिर हर व्यक्ति अपने खाते और पिन से साइन इन करता है।</translation>
    </message>
    <message>
        <source>

The records already on this laptop are not encrypted yet: they will be encrypted now, and the plain copies removed.</source>
        <translation>

इस लैपटॉप पर पहले से मौजूद रिकॉर्ड अभी एन्क्रिप्ट नहीं हैं: उन्हें अभी एन्क्रिप्ट किया जाएगा, और सादी कॉपियाँ हटा दी जाएँगी।</translation>
    </message>
    <message>
        <source>Set up dr-screen</source>
        <translation>dr-screen सेट अप करें</translation>
    </message>
    <message>
        <source>Set up</source>
        <translation>सेट अप करें</translation>
    </message>
    <message>
        <source>at least 10 characters, e.g. four words</source>
        <translation>कम से कम 10 अक्षर, जैसे चार शब्द</translation>
    </message>
    <message>
        <source>e.g. the camp lead&apos;s name</source>
        <translation>जैसे कैंप प्रमुख का नाम</translation>
    </message>
    <message>
        <source>4 to 12 digits</source>
        <translation>4 से 12 अंक</translation>
    </message>
    <message>
        <source>e.g. District Eye Hospital, Melur (Mon-Sat 9-13)</source>
        <translation>जैसे ज़िला नेत्र अस्पताल, मेलूर (सोम-शनि 9-13)</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>पासफ़्रेज़</translation>
    </message>
    <message>
        <source>Passphrase again</source>
        <translation>पासफ़्रेज़ दोबारा</translation>
    </message>
    <message>
        <source>Administrator&apos;s name</source>
        <translation>एडमिन का नाम</translation>
    </message>
    <message>
        <source>Administrator&apos;s PIN</source>
        <translation>एडमिन का पिन</translation>
    </message>
    <message>
        <source>PIN again</source>
        <translation>पिन दोबारा</translation>
    </message>
    <message>
        <source>Referral hospital</source>
        <translation>रेफ़रल अस्पताल</translation>
    </message>
    <message>
        <source>Where patients who need an eye doctor go: printed on their referral slip. An administrator can change it later (Admin menu).</source>
        <translation>जिन मरीज़ों को आँखों के डॉक्टर को दिखाना है, वे यहाँ जाते हैं: यह उनकी रेफ़रल पर्ची पर छपता है। कोई एडमिन इसे बाद में बदल सकता है (एडमिन मेन्यू)।</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>दोनों पासफ़्रेज़ अलग हैं।</translation>
    </message>
    <message>
        <source>The two PINs differ.</source>
        <translation>दोनों पिन अलग हैं।</translation>
    </message>
</context>
<context>
    <name>SyncMenu</name>
    <message>
        <source>&amp;Sync</source>
        <translation>सिंक (&amp;S)</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>अभी सिंक करें</translation>
    </message>
    <message>
        <source>Sync settings…</source>
        <translation>सिंक सेटिंग…</translation>
    </message>
    <message>
        <source>Administrators only</source>
        <translation>केवल एडमिन के लिए</translation>
    </message>
    <message>
        <source>sync settings damaged: enter them again in Sync settings</source>
        <translation>सिंक सेटिंग ख़राब है: सिंक सेटिंग में इन्हें दोबारा लिखें</translation>
    </message>
    <message>
        <source>not synced: {records}</source>
        <translation>सिंक नहीं हुए: {records}</translation>
    </message>
    <message>
        <source>all records synced</source>
        <translation>सभी रिकॉर्ड सिंक हो गए</translation>
    </message>
    <message numerus="yes">
        <source>not synced: %n record(s)</source>
        <translation>
            <numerusform>सिंक नहीं हुए: %n रिकॉर्ड</numerusform>
            <numerusform>सिंक नहीं हुए: %n रिकॉर्ड</numerusform>
        </translation>
    </message>
    <message>
        <source>last sync {time} UTC</source>
        <translation>पिछला सिंक {time} UTC</translation>
    </message>
    <message>
        <source>never synced</source>
        <translation>कभी सिंक नहीं हुआ</translation>
    </message>
    <message>
        <source>last try failed</source>
        <translation>पिछली कोशिश विफल</translation>
    </message>
    <message numerus="yes">
        <source>%n camp session(s)</source>
        <translation>
            <numerusform>%n कैंप सत्र</numerusform>
            <numerusform>%n कैंप सत्र</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n patient(s)</source>
        <translation>
            <numerusform>%n मरीज़</numerusform>
            <numerusform>%n मरीज़</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s)</source>
        <translation>
            <numerusform>%n फ़ोटो</numerusform>
            <numerusform>%n फ़ोटो</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n result(s)</source>
        <translation>
            <numerusform>%n परिणाम</numerusform>
            <numerusform>%n परिणाम</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photo correction(s)</source>
        <translation>
            <numerusform>%n फ़ोटो सुधार</numerusform>
            <numerusform>%n फ़ोटो सुधार</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n audit event(s)</source>
        <translation>
            <numerusform>%n ऑडिट घटना</numerusform>
            <numerusform>%n ऑडिट घटनाएँ</numerusform>
        </translation>
    </message>
    <message>
        <source>Sync did not start</source>
        <translation>सिंक शुरू नहीं हुआ</translation>
    </message>
    <message>
        <source>Sending records to the hospital hub…</source>
        <translation>अस्पताल के हब को रिकॉर्ड भेजे जा रहे हैं…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>रद्द करें</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>सिंक</translation>
    </message>
    <message>
        <source>Stopping after the request on the wire…</source>
        <translation>चल रहे अनुरोध के बाद रोका जा रहा है…</translation>
    </message>
    <message>
        <source>Sync finished</source>
        <translation>सिंक पूरा हुआ</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) sent and confirmed by the hub.</source>
        <translation>
            <numerusform>%n रिकॉर्ड भेजा गया और हब ने पुष्टि की।</numerusform>
            <numerusform>%n रिकॉर्ड भेजे गए और हब ने पुष्टि की।</numerusform>
        </translation>
    </message>
    <message>
        <source>Sync stopped</source>
        <translation>सिंक रोका गया</translation>
    </message>
    <message>
        <source>Sync did not finish</source>
        <translation>सिंक पूरा नहीं हुआ</translation>
    </message>
    <message>
        <source>Sync settings</source>
        <translation>सिंक सेटिंग</translation>
    </message>
    <message>
        <source>(unchanged)</source>
        <translation>(बिना बदलाव)</translation>
    </message>
    <message>
        <source>dstok_… from the hospital</source>
        <translation>अस्पताल से मिला dstok_…</translation>
    </message>
    <message>
        <source>Hub address</source>
        <translation>हब का पता</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>टोकन</translation>
    </message>
    <message>
        <source>Last sync error: {error}</source>
        <translation>पिछले सिंक की त्रुटि: {error}</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>सहेजें</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <source>dr-screen is locked</source>
        <translation>dr-screen लॉक है</translation>
    </message>
    <message>
        <source>Enter the passphrase of this laptop&apos;s records.</source>
        <translation>इस लैपटॉप के रिकॉर्ड का पासफ़्रेज़ डालें।</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>अनलॉक करें</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>पासफ़्रेज़</translation>
    </message>
    <message>
        <source>Forgotten the passphrase? Use the recovery key…</source>
        <translation>पासफ़्रेज़ भूल गए? रिकवरी कुंजी इस्तेमाल करें…</translation>
    </message>
</context>
<context>
    <name>UserDialog</name>
    <message>
        <source>Change account</source>
        <translation>खाता बदलें</translation>
    </message>
    <message>
        <source>Add account</source>
        <translation>खाता जोड़ें</translation>
    </message>
    <message>
        <source>Technicians screen; administrators also manage accounts, sync, retention and backups.</source>
        <translation>तकनीशियन जाँच करते हैं; एडमिन खाते, सिंक, रिकॉर्ड रखने की अवधि और बैकअप भी सँभालते हैं।</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>सहेजें</translation>
    </message>
    <message>
        <source>active</source>
        <translation>सक्रिय</translation>
    </message>
    <message>
        <source>disabled (cannot sign in)</source>
        <translation>बंद (साइन इन नहीं कर सकते)</translation>
    </message>
    <message>
        <source>(unchanged)</source>
        <translation>(बिना बदलाव)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>नाम</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>भूमिका</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>खाता</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>पिन</translation>
    </message>
    <message>
        <source>PIN again</source>
        <translation>पिन दोबारा</translation>
    </message>
    <message>
        <source>The two PINs differ.</source>
        <translation>दोनों पिन अलग हैं।</translation>
    </message>
</context>
<context>
    <name>UsersDialog</name>
    <message>
        <source>Accounts</source>
        <translation>खाते</translation>
    </message>
    <message>
        <source>Add account…</source>
        <translation>खाता जोड़ें…</translation>
    </message>
    <message>
        <source>Change selected…</source>
        <translation>चुना हुआ बदलें…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>बंद करें</translation>
    </message>
    <message>
        <source> — disabled</source>
        <translation> — बंद</translation>
    </message>
</context>
<context>
    <name>advice</name>
    <message>
        <source>No DR: no referral</source>
        <translation>DR नहीं: रेफ़र की ज़रूरत नहीं</translation>
    </message>
    <message>
        <source>No diabetic retinopathy seen. Rescreen in 1 to 2 years.</source>
        <translation>डायबिटिक रेटिनोपैथी नहीं दिखी। 1 से 2 साल में फिर जाँच कराएँ।</translation>
    </message>
    <message>
        <source>Rescreen in 1 to 2 years</source>
        <translation>1 से 2 साल में फिर जाँच</translation>
    </message>
    <message>
        <source>No signs of diabetic eye disease were found.</source>
        <translation>डायबिटीज़ से होने वाली आँखों की बीमारी का कोई लक्षण नहीं मिला।</translation>
    </message>
    <message>
        <source>Have your eyes checked again in 1 to 2 years, or sooner if your sight changes.</source>
        <translation>1 से 2 साल में अपनी आँखों की फिर से जाँच कराएँ, या नज़र बदले तो उससे पहले।</translation>
    </message>
    <message>
        <source>Mild DR: no referral</source>
        <translation>हल्की DR: रेफ़र की ज़रूरत नहीं</translation>
    </message>
    <message>
        <source>Mild diabetic retinopathy. Rescreen in 1 year; advise good sugar and blood-pressure control.</source>
        <translation>हल्की डायबिटिक रेटिनोपैथी। 1 साल में फिर जाँच कराएँ; शुगर और ब्लड प्रेशर अच्छी तरह नियंत्रित रखने की सलाह दें।</translation>
    </message>
    <message>
        <source>Rescreen in 1 year</source>
        <translation>1 साल में फिर जाँच</translation>
    </message>
    <message>
        <source>Early, mild signs of diabetic eye disease were found.</source>
        <translation>डायबिटीज़ से होने वाली आँखों की बीमारी के शुरुआती, हल्के लक्षण मिले।</translation>
    </message>
    <message>
        <source>You do not need to see an eye doctor now. Keep your blood sugar and blood pressure under control, and have your eyes checked again in 1 year.</source>
        <translation>अभी आँखों के डॉक्टर को दिखाने की ज़रूरत नहीं है। अपनी ब्लड शुगर और ब्लड प्रेशर नियंत्रण में रखें, और 1 साल में आँखों की फिर से जाँच कराएँ।</translation>
    </message>
    <message>
        <source>REFER: possible DR, to be confirmed</source>
        <translation>रेफ़र करें: संभावित DR, पुष्टि आवश्यक</translation>
    </message>
    <message>
        <source>The grade is below moderate, but the model&apos;s score is above its screening threshold, where referable diabetic retinopathy is not ruled out. Refer to an ophthalmologist within 3 to 6 months to confirm.</source>
        <translation>ग्रेड मध्यम से कम है, लेकिन मॉडल का स्कोर उसकी स्क्रीनिंग सीमा से ऊपर है, जहाँ रेफ़र करने योग्य डायबिटिक रेटिनोपैथी से इनकार नहीं किया जा सकता। पुष्टि के लिए 3 से 6 महीने के भीतर नेत्र विशेषज्ञ के पास भेजें।</translation>
    </message>
    <message>
        <source>The photos show signs that need an eye doctor to check.</source>
        <translation>फ़ोटो में ऐसे लक्षण दिखे हैं जिन्हें आँखों के डॉक्टर को जाँचना चाहिए।</translation>
    </message>
    <message>
        <source>Go to an eye doctor within 3 to 6 months.</source>
        <translation>3 से 6 महीने के अंदर आँखों के डॉक्टर के पास जाएँ।</translation>
    </message>
    <message>
        <source>UNGRADABLE: retake now</source>
        <translation>ग्रेड नहीं हो सकता: अभी दोबारा फ़ोटो लें</translation>
    </message>
    <message>
        <source>The photo cannot be graded. Retake it now (clean the lens, dilate the pupil if allowed). If it is still ungradable, refer to an eye doctor within 1 month.</source>
        <translation>फ़ोटो की ग्रेडिंग नहीं हो सकती। अभी दोबारा लें (लेंस साफ़ करें, अनुमति हो तो पुतली फैलाएँ)। अगर फिर भी ग्रेड न हो सके, तो 1 महीने के अंदर आँखों के डॉक्टर के पास भेजें।</translation>
    </message>
    <message>
        <source>Retake now; if still ungradable, within 1 month</source>
        <translation>अभी दोबारा लें; फिर भी न हो तो 1 महीने के अंदर</translation>
    </message>
    <message>
        <source>The photos of your eyes were not clear enough to be read.</source>
        <translation>आपकी आँखों की फ़ोटो इतनी साफ़ नहीं थीं कि उन्हें पढ़ा जा सके।</translation>
    </message>
    <message>
        <source>Go to an eye doctor within 1 month, to have your eyes examined.</source>
        <translation>1 महीने के अंदर आँखों के डॉक्टर के पास जाकर अपनी आँखों की जाँच कराएँ।</translation>
    </message>
    <message>
        <source>UNGRADABLE after a retake: REFER</source>
        <translation>दोबारा फ़ोटो के बाद भी ग्रेड नहीं हो सकता: रेफ़र करें</translation>
    </message>
    <message>
        <source>The retake could not be graded either. Refer to an eye doctor within 1 month, and give the patient the referral slip.</source>
        <translation>दोबारा ली गई फ़ोटो की भी ग्रेडिंग नहीं हो सकी। 1 महीने के अंदर आँखों के डॉक्टर के पास भेजें, और मरीज़ को रेफ़रल पर्ची दें।</translation>
    </message>
    <message>
        <source>Within 1 month</source>
        <translation>1 महीने के अंदर</translation>
    </message>
    <message>
        <source>REFER: moderate DR</source>
        <translation>रेफ़र करें: मध्यम DR</translation>
    </message>
    <message>
        <source>Moderate diabetic retinopathy. Refer to an ophthalmologist within 3 to 6 months.</source>
        <translation>मध्यम डायबिटिक रेटिनोपैथी। 3 से 6 महीने के अंदर नेत्र रोग विशेषज्ञ के पास भेजें।</translation>
    </message>
    <message>
        <source>Within 3 to 6 months</source>
        <translation>3 से 6 महीने के अंदर</translation>
    </message>
    <message>
        <source>Signs of diabetic eye disease were found.</source>
        <translation>डायबिटीज़ से होने वाली आँखों की बीमारी के लक्षण मिले।</translation>
    </message>
    <message>
        <source>Go to an eye doctor within 3 to 6 months. Treatment can protect your sight.</source>
        <translation>3 से 6 महीने के अंदर आँखों के डॉक्टर के पास जाएँ। इलाज से आपकी नज़र बच सकती है।</translation>
    </message>
    <message>
        <source>REFER SOON: severe DR</source>
        <translation>जल्दी रेफ़र करें: गंभीर DR</translation>
    </message>
    <message>
        <source>Severe non-proliferative diabetic retinopathy. Refer to an ophthalmologist within weeks (less than 3 months).</source>
        <translation>गंभीर नॉन-प्रोलिफ़ेरेटिव डायबिटिक रेटिनोपैथी। कुछ हफ़्तों के अंदर (3 महीने से कम में) नेत्र रोग विशेषज्ञ के पास भेजें।</translation>
    </message>
    <message>
        <source>Within weeks (less than 3 months)</source>
        <translation>कुछ हफ़्तों में (3 महीने से कम)</translation>
    </message>
    <message>
        <source>Serious signs of diabetic eye disease were found.</source>
        <translation>डायबिटीज़ से होने वाली आँखों की बीमारी के गंभीर लक्षण मिले।</translation>
    </message>
    <message>
        <source>Go to an eye doctor soon: within a few weeks, and before 3 months have passed. Treatment can protect your sight.</source>
        <translation>जल्दी आँखों के डॉक्टर के पास जाएँ: कुछ हफ़्तों के अंदर, और 3 महीने बीतने से पहले। इलाज से आपकी नज़र बच सकती है।</translation>
    </message>
    <message>
        <source>URGENT REFERRAL: proliferative DR</source>
        <translation>तुरंत रेफ़र करें: प्रोलिफ़ेरेटिव DR</translation>
    </message>
    <message>
        <source>Proliferative diabetic retinopathy: risk of blindness. Refer URGENTLY, within 1 month.</source>
        <translation>प्रोलिफ़ेरेटिव डायबिटिक रेटिनोपैथी: अंधेपन का ख़तरा। तुरंत, 1 महीने के अंदर रेफ़र करें।</translation>
    </message>
    <message>
        <source>URGENT: within 1 month</source>
        <translation>तुरंत: 1 महीने के अंदर</translation>
    </message>
    <message>
        <source>Advanced diabetic eye disease was found. It can cause blindness.</source>
        <translation>डायबिटीज़ से होने वाली आँखों की बीमारी बढ़ी हुई अवस्था में मिली। इससे अंधापन हो सकता है।</translation>
    </message>
    <message>
        <source>Go to an eye doctor URGENTLY, within 1 month. Treatment can save your sight.</source>
        <translation>तुरंत, 1 महीने के अंदर आँखों के डॉक्टर के पास जाएँ। इलाज से आपकी नज़र बच सकती है।</translation>
    </message>
    <message>
        <source>Not finished</source>
        <translation>पूरा नहीं हुआ</translation>
    </message>
    <message>
        <source>Add and grade a photo of each eye.</source>
        <translation>हर आँख की एक फ़ोटो जोड़कर ग्रेड करें।</translation>
    </message>
    <message>
        <source>no signs of diabetic eye disease</source>
        <translation>डायबिटीज़ से आँखों की बीमारी का कोई लक्षण नहीं</translation>
    </message>
    <message>
        <source>mild signs of diabetic eye disease</source>
        <translation>डायबिटीज़ से आँखों की बीमारी के हल्के लक्षण</translation>
    </message>
    <message>
        <source>signs that need an eye doctor to check</source>
        <translation>ऐसे लक्षण जिन्हें आँखों के डॉक्टर को जाँचना चाहिए</translation>
    </message>
    <message>
        <source>the photo was not clear enough to be read</source>
        <translation>फ़ोटो इतनी साफ़ नहीं थी कि पढ़ी जा सके</translation>
    </message>
    <message>
        <source>signs of diabetic eye disease</source>
        <translation>डायबिटीज़ से आँखों की बीमारी के लक्षण</translation>
    </message>
    <message>
        <source>serious signs of diabetic eye disease</source>
        <translation>डायबिटीज़ से आँखों की बीमारी के गंभीर लक्षण</translation>
    </message>
    <message>
        <source>advanced diabetic eye disease</source>
        <translation>डायबिटीज़ से आँखों की बढ़ी हुई बीमारी</translation>
    </message>
    <message>
        <source>the eye hospital of your screening programme (ask the camp staff which one)</source>
        <translation>आपके जाँच कार्यक्रम का आँखों का अस्पताल (कौन सा, यह कैंप के स्टाफ़ से पूछें)</translation>
    </message>
</context>
<context>
    <name>backup</name>
    <message>
        <source>{name} (taken {time} UTC)</source>
        <translation>{name} ({time} UTC पर लिया गया)</translation>
    </message>
    <message>
        <source>The backup of the database was not made: the copy failed its integrity check. Try again.</source>
        <translation>डेटाबेस का बैकअप नहीं बना: कॉपी अपनी जाँच में सही नहीं निकली। दोबारा कोशिश करें।</translation>
    </message>
    <message>
        <source>The backup of the database was not made ({reason}). Check the free disk space.</source>
        <translation>डेटाबेस का बैकअप नहीं बना ({reason})। डिस्क पर ख़ाली जगह जाँचें।</translation>
    </message>
    <message>
        <source>The backup {name} is damaged too ({problem}); choose an older one.</source>
        <translation>बैकअप {name} भी ख़राब है ({problem}); कोई पुराना बैकअप चुनें।</translation>
    </message>
    <message>
        <source>The backup could not be restored ({reason}). Nothing was deleted.</source>
        <translation>बैकअप वापस नहीं लाया जा सका ({reason})। कुछ भी मिटाया नहीं गया।</translation>
    </message>
</context>
<context>
    <name>caution</name>
    <message>
        <source>Screening support only: this model is not proven to decide referrals on its own. Have a grader read every photo.</source>
        <translation>केवल जाँच में मदद के लिए: यह साबित नहीं हुआ है कि यह मॉडल अकेले रेफ़रल तय कर सकता है। हर फ़ोटो किसी ग्रेडर से पढ़वाएँ।</translation>
    </message>
    <message>
        <source>Screening support only: this model is not proven to decide referrals on its own. Tested on {eyes} eye photos from other cameras, it missed up to {missed}% of the eyes that needed an eye doctor, and also referred up to {extra}% of the eyes that did not. Have a grader read every photo.</source>
        <translation>केवल जाँच में मदद के लिए: यह साबित नहीं हुआ है कि यह मॉडल अकेले रेफ़रल तय कर सकता है। दूसरे कैमरों की {eyes} आँखों की फ़ोटो पर परखने पर, जिन आँखों को डॉक्टर की ज़रूरत थी उनमें से {missed}% तक इससे छूट गईं, और जिन्हें ज़रूरत नहीं थी उनमें से भी {extra}% तक को इसने रेफ़र किया। हर फ़ोटो किसी ग्रेडर से पढ़वाएँ।</translation>
    </message>
    <message>
        <source>Referable-DR AUC on photo sets from other cameras ({eyes} eyes): {aucs}.</source>
        <translation>दूसरे कैमरों के फ़ोटो सेट पर रेफ़र करने योग्य DR का AUC ({eyes} आँखें): {aucs}।</translation>
    </message>
</context>
<context>
    <name>corrections</name>
    <message>
        <source>Choose the patient to move the photo to.</source>
        <translation>वह मरीज़ चुनें जिस पर फ़ोटो ले जानी है।</translation>
    </message>
    <message>
        <source>Write why the photo is corrected.</source>
        <translation>लिखें कि फ़ोटो में सुधार क्यों किया जा रहा है।</translation>
    </message>
    <message>
        <source>That photo is not on a patient any more.</source>
        <translation>वह फ़ोटो अब किसी मरीज़ पर नहीं है।</translation>
    </message>
    <message>
        <source>The photo is already on that eye.</source>
        <translation>फ़ोटो पहले से उसी आँख पर है।</translation>
    </message>
</context>
<context>
    <name>grades</name>
    <message>
        <source>No DR</source>
        <translation>DR नहीं</translation>
    </message>
    <message>
        <source>Mild</source>
        <translation>हल्की</translation>
    </message>
    <message>
        <source>Moderate</source>
        <translation>मध्यम</translation>
    </message>
    <message>
        <source>Severe NPDR</source>
        <translation>गंभीर NPDR</translation>
    </message>
    <message>
        <source>Proliferative DR</source>
        <translation>प्रोलिफ़ेरेटिव DR</translation>
    </message>
    <message>
        <source>Ungradable</source>
        <translation>ग्रेड नहीं हो सकता</translation>
    </message>
</context>
<context>
    <name>image</name>
    <message>
        <source>{name}: {width}x{height} pixels is more than the {limit} MP limit; this is not a fundus camera photo</source>
        <translation>{name}: {width}x{height} पिक्सेल {limit} MP की सीमा से ज़्यादा है; यह फ़ंडस कैमरे की फ़ोटो नहीं है</translation>
    </message>
    <message>
        <source>{name}: file not found</source>
        <translation>{name}: फ़ाइल नहीं मिली</translation>
    </message>
    <message>
        <source>{name}: no permission to read the file</source>
        <translation>{name}: फ़ाइल पढ़ने की अनुमति नहीं है</translation>
    </message>
    <message>
        <source>{name}: cannot read the file ({reason})</source>
        <translation>{name}: फ़ाइल पढ़ी नहीं जा सकती ({reason})</translation>
    </message>
    <message>
        <source>{name}: is a folder, not a photo</source>
        <translation>{name}: यह फ़ोल्डर है, फ़ोटो नहीं</translation>
    </message>
    <message>
        <source>{name}: the file is empty (0 bytes); copy the photo again</source>
        <translation>{name}: फ़ाइल ख़ाली है (0 बाइट); फ़ोटो फिर से कॉपी करें</translation>
    </message>
    <message>
        <source>{name}: file of {mb} MB is too large for a photo</source>
        <translation>{name}: {mb} MB की फ़ाइल फ़ोटो के लिए बहुत बड़ी है</translation>
    </message>
    <message>
        <source>{name}: image dimensions are too large</source>
        <translation>{name}: तस्वीर का आकार बहुत बड़ा है</translation>
    </message>
    <message>
        <source>{name}: not a readable image (JPEG, PNG, TIFF or BMP expected)</source>
        <translation>{name}: पढ़ने योग्य तस्वीर नहीं (JPEG, PNG, TIFF या BMP चाहिए)</translation>
    </message>
    <message>
        <source>{name}: {format} images are not supported; use JPEG, PNG, TIFF or BMP</source>
        <translation>{name}: {format} तस्वीरें नहीं चलतीं; JPEG, PNG, TIFF या BMP इस्तेमाल करें</translation>
    </message>
    <message>
        <source>{name}: the photo is incomplete (truncated file); copy it again</source>
        <translation>{name}: फ़ोटो अधूरी है (फ़ाइल कटी हुई); फिर से कॉपी करें</translation>
    </message>
    <message>
        <source>{name}: the image data is damaged or incomplete</source>
        <translation>{name}: तस्वीर का डेटा ख़राब या अधूरा है</translation>
    </message>
    <message>
        <source>{name}: the image data could not be decoded</source>
        <translation>{name}: तस्वीर का डेटा पढ़ा नहीं जा सका</translation>
    </message>
</context>
<context>
    <name>quality</name>
    <message>
        <source>no fundus found: the photo is dark or the retina is missing</source>
        <translation>फ़ंडस नहीं मिला: फ़ोटो अँधेरी है या रेटिना दिख नहीं रहा</translation>
    </message>
    <message>
        <source>no fundus found: no round retina image in the photo</source>
        <translation>फ़ंडस नहीं मिला: फ़ोटो में रेटिना की गोल तस्वीर नहीं है</translation>
    </message>
    <message>
        <source>no fundus found: this does not look like a retina photo (no dark border)</source>
        <translation>फ़ंडस नहीं मिला: यह रेटिना की फ़ोटो नहीं लगती (काला किनारा नहीं)</translation>
    </message>
    <message>
        <source>too dark: increase the flash or dilate the pupil, then retake</source>
        <translation>बहुत अँधेरी: फ़्लैश बढ़ाएँ या पुतली फैलाएँ, फिर दोबारा लें</translation>
    </message>
    <message>
        <source>overexposed: lower the flash, then retake</source>
        <translation>बहुत ज़्यादा रोशनी: फ़्लैश कम करें, फिर दोबारा लें</translation>
    </message>
    <message>
        <source>too blurred: refocus the camera and keep the patient still, then retake</source>
        <translation>बहुत धुंधली: कैमरा फिर से फ़ोकस करें और मरीज़ को स्थिर रखें, फिर दोबारा लें</translation>
    </message>
</context>
<context>
    <name>referral</name>
    <message>
        <source>Name the eye hospital where referred patients go, with its town (2 to {max} characters): it is printed on their referral slip.</source>
        <translation>उस आँखों के अस्पताल का नाम उसके शहर के साथ लिखें जहाँ रेफ़र किए गए मरीज़ जाते हैं (2 से {max} अक्षर): यह उनकी रेफ़रल पर्ची पर छपता है।</translation>
    </message>
</context>
<context>
    <name>retention</name>
    <message>
        <source>Keep records between 1 and 3650 days after the hub confirmed them.</source>
        <translation>हब की पुष्टि के बाद रिकॉर्ड 1 से 3650 दिन के बीच रखें।</translation>
    </message>
</context>
<context>
    <name>sealed</name>
    <message>
        <source>That is not a dr-screen hub key (hub-export.pub, from `hub setup` on the hub server).</source>
        <translation>यह dr-screen की हब कुंजी नहीं है (hub-export.pub, जो हब सर्वर पर `hub setup` से बनती है)।</translation>
    </message>
</context>
<context>
    <name>store</name>
    <message>
        <source>right eye</source>
        <translation>दाईं आँख</translation>
    </message>
    <message>
        <source>left eye</source>
        <translation>बाईं आँख</translation>
    </message>
    <message>
        <source>The disk is full, so nothing was saved for this step. Free some space (or move old exports off this computer), then try again.</source>
        <translation>डिस्क भरी हुई है, इसलिए इस कदम के लिए कुछ सहेजा नहीं गया। कुछ जगह ख़ाली करें (या पुराने निर्यात इस कंप्यूटर से हटाएँ), फिर दोबारा कोशिश करें।</translation>
    </message>
    <message>
        <source>The disk is full, so the photo was not saved. Free some space (or move old exports off this computer), then try again.</source>
        <translation>डिस्क भरी हुई है, इसलिए फ़ोटो सहेजी नहीं गई। कुछ जगह ख़ाली करें (या पुराने निर्यात इस कंप्यूटर से हटाएँ), फिर दोबारा कोशिश करें।</translation>
    </message>
    <message>
        <source>dr-screen cannot write its data folder {folder} ({reason}). Choose a folder this user may write (--data-dir, or $DR_SCREEN_DATA), or ask for its permissions to be fixed.</source>
        <translation>dr-screen अपने डेटा फ़ोल्डर {folder} में लिख नहीं सकता ({reason})। ऐसा फ़ोल्डर चुनें जिसमें यह यूज़र लिख सके (--data-dir, या $DR_SCREEN_DATA), या उसकी अनुमतियाँ ठीक करवाएँ।</translation>
    </message>
    <message>
        <source>dr-screen cannot use its data folder {folder} ({reason}). Choose a folder this user may write (--data-dir, or $DR_SCREEN_DATA), or ask for its permissions to be fixed.</source>
        <translation>dr-screen अपने डेटा फ़ोल्डर {folder} का इस्तेमाल नहीं कर सकता ({reason})। ऐसा फ़ोल्डर चुनें जिसमें यह यूज़र लिख सके (--data-dir, या $DR_SCREEN_DATA), या उसकी अनुमतियाँ ठीक करवाएँ।</translation>
    </message>
    <message>
        <source>There is no backup to restore in {folder}.</source>
        <translation>{folder} में वापस लाने के लिए कोई बैकअप नहीं है।</translation>
    </message>
    <message>
        <source>{name} is too large for a photo.</source>
        <translation>{name} फ़ोटो होने के लिए बहुत बड़ी है।</translation>
    </message>
    <message>
        <source>{name} changed while it was being read (is the camera still saving it?). Add it again.</source>
        <translation>{name} पढ़ते समय बदल गई (क्या कैमरा अभी भी इसे सहेज रहा है?)। इसे फिर से जोड़ें।</translation>
    </message>
    <message>
        <source>The photo file {name} in the data folder cannot be read ({reason}). Restore the data folder from a copy.</source>
        <translation>डेटा फ़ोल्डर में फ़ोटो फ़ाइल {name} पढ़ी नहीं जा सकती ({reason})। डेटा फ़ोल्डर किसी कॉपी से वापस लाएँ।</translation>
    </message>
    <message>
        <source>The photo file {name} in the data folder is damaged.</source>
        <translation>डेटा फ़ोल्डर में फ़ोटो फ़ाइल {name} ख़राब है।</translation>
    </message>
    <message>
        <source>dr-screen is already running on this data (process {process}), so this copy cannot open it: {folder}. Close the other dr-screen window or batch job first, then try again.</source>
        <translation>dr-screen इस डेटा पर पहले से चल रहा है (प्रोसेस {process}), इसलिए यह कॉपी इसे नहीं खोल सकती: {folder}। पहले दूसरी dr-screen विंडो या बैच काम बंद करें, फिर दोबारा कोशिश करें।</translation>
    </message>
    <message>
        <source>The newest backup is {backup}: restore it with `{command}` (the damaged file is kept beside it), then check the last records.</source>
        <translation>सबसे नया बैकअप {backup} है: इसे `{command}` से वापस लाएँ (ख़राब फ़ाइल उसके पास रखी जाएगी), फिर आख़िरी रिकॉर्ड जाँचें।</translation>
    </message>
    <message>
        <source>There is no backup of it. Keep the data folder exactly as it is and ask for help.</source>
        <translation>इसका कोई बैकअप नहीं है। डेटा फ़ोल्डर को जैसा है वैसा ही रहने दें और मदद माँगें।</translation>
    </message>
    <message>
        <source>The database {file} is damaged ({detail}), so dr-screen does not use it and changed nothing. {offer}</source>
        <translation>डेटाबेस {file} ख़राब है ({detail}), इसलिए dr-screen इसका इस्तेमाल नहीं करता और उसने कुछ नहीं बदला। {offer}</translation>
    </message>
    <message>
        <source>This database was written by a newer dr-screen (schema {found}, this program knows {known}). Update dr-screen to open it.</source>
        <translation>यह डेटाबेस dr-screen के नए संस्करण ने लिखा है (स्कीमा {found}, यह प्रोग्राम {known} तक जानता है)। इसे खोलने के लिए dr-screen अपडेट करें।</translation>
    </message>
    <message>
        <source>Nobody is signed in, so nothing was changed. Sign in with your PIN first.</source>
        <translation>कोई साइन इन नहीं है, इसलिए कुछ नहीं बदला गया। पहले अपने पिन से साइन इन करें।</translation>
    </message>
    <message>
        <source>Enter the camp site and the operator&apos;s name.</source>
        <translation>कैंप का स्थान और ऑपरेटर का नाम लिखें।</translation>
    </message>
    <message>
        <source>The camp date must look like 2025-01-31, not {date}.</source>
        <translation>कैंप की तारीख़ 2025-01-31 जैसी होनी चाहिए, {date} नहीं।</translation>
    </message>
    <message>
        <source>Choose a camp session first.</source>
        <translation>पहले कैंप सत्र चुनें।</translation>
    </message>
    <message>
        <source>This patient ID is already registered in this camp. Open that patient from the list, or check the ID.</source>
        <translation>यह मरीज़ ID इस कैंप में पहले से दर्ज है। सूची से वह मरीज़ खोलें, या ID जाँचें।</translation>
    </message>
    <message>
        <source>This patient ID is already used by another patient in this camp.</source>
        <translation>यह मरीज़ ID इस कैंप में किसी दूसरे मरीज़ के लिए इस्तेमाल हो चुकी है।</translation>
    </message>
    <message>
        <source>This photo belongs to a record that was deleted or removed from this laptop after it reached the hospital, so it is not used again. Take a new photo.</source>
        <translation>यह फ़ोटो ऐसे रिकॉर्ड की है जो हटा दिया गया था, या अस्पताल पहुँचने के बाद इस लैपटॉप से हटाया गया था, इसलिए इसे दोबारा इस्तेमाल नहीं किया जाता। नई फ़ोटो लें।</translation>
    </message>
    <message>
        <source>This photo is already saved for another patient or eye ({eye}). Choose the right photo, or take a new one.</source>
        <translation>यह फ़ोटो पहले से किसी दूसरे मरीज़ या आँख ({eye}) के लिए सहेजी गई है। सही फ़ोटो चुनें, या नई फ़ोटो लें।</translation>
    </message>
    <message>
        <source>That patient no longer exists.</source>
        <translation>वह मरीज़ अब मौजूद नहीं है।</translation>
    </message>
    <message>
        <source>That photo is not stored yet.</source>
        <translation>वह फ़ोटो अभी सहेजी नहीं गई है।</translation>
    </message>
    <message>
        <source>Enter the patient ID.</source>
        <translation>मरीज़ ID लिखें।</translation>
    </message>
    <message>
        <source>Enter the patient&apos;s name.</source>
        <translation>मरीज़ का नाम लिखें।</translation>
    </message>
    <message>
        <source>Age must be a whole number of years.</source>
        <translation>उम्र पूरे सालों में होनी चाहिए।</translation>
    </message>
    <message>
        <source>Age must be between 1 and 120 years.</source>
        <translation>उम्र 1 से 120 साल के बीच होनी चाहिए।</translation>
    </message>
    <message>
        <source>Choose the patient&apos;s sex.</source>
        <translation>मरीज़ का लिंग चुनें।</translation>
    </message>
    <message>
        <source>Diabetes duration must be a number of years (or left empty).</source>
        <translation>डायबिटीज़ की अवधि सालों की संख्या होनी चाहिए (या ख़ाली छोड़ें)।</translation>
    </message>
    <message>
        <source>Diabetes duration must be between 0 and the patient&apos;s age.</source>
        <translation>डायबिटीज़ की अवधि 0 और मरीज़ की उम्र के बीच होनी चाहिए।</translation>
    </message>
    <message>
        <source>Phone number may only contain digits, spaces, +, - and brackets.</source>
        <translation>फ़ोन नंबर में केवल अंक, स्पेस, +, - और कोष्ठक हो सकते हैं।</translation>
    </message>
</context>
<context>
    <name>sync</name>
    <message>
        <source>Sync settings (Sync menu)</source>
        <translation>सिंक सेटिंग (सिंक मेन्यू)</translation>
    </message>
    <message>
        <source>Sync stopped. The records the hub confirmed so far stay synced; the rest go with the next sync.</source>
        <translation>सिंक रोका गया। हब ने अब तक जिन रिकॉर्ड की पुष्टि की, वे सिंक रहेंगे; बाक़ी अगले सिंक में जाएँगे।</translation>
    </message>
    <message>
        <source>The sync settings are damaged or unreadable ({reason}), so nothing was sent. Enter the hub address and token again in {settings}; that replaces them.</source>
        <translation>सिंक सेटिंग ख़राब है या पढ़ी नहीं जा सकती ({reason}), इसलिए कुछ नहीं भेजा गया। हब का पता और टोकन {settings} में दोबारा लिखें; इससे पुरानी सेटिंग बदल जाएगी।</translation>
    </message>
    <message>
        <source>Could not make the reduced copy of photo {name}.</source>
        <translation>फ़ोटो {name} की छोटी कॉपी नहीं बन सकी।</translation>
    </message>
    <message>
        <source>The photo file {file} in the data folder cannot be read ({reason}), so the sync stopped before it. Restore the data folder from a backup.</source>
        <translation>डेटा फ़ोल्डर में फ़ोटो फ़ाइल {file} पढ़ी नहीं जा सकती ({reason}), इसलिए सिंक उससे पहले रुक गया। डेटा फ़ोल्डर बैकअप से वापस लाएँ।</translation>
    </message>
    <message>
        <source>The hub address {url} is not valid. It looks like https://hub.example.org/screening (the server, then the database name).</source>
        <translation>हब का पता {url} सही नहीं है। यह https://hub.example.org/screening जैसा होता है (सर्वर, फिर डेटाबेस का नाम)।</translation>
    </message>
    <message>
        <source>The hub address must start with https://, so that patient data and the token travel encrypted. Plain http:// is only allowed for a hub on this computer.</source>
        <translation>हब का पता https:// से शुरू होना चाहिए, ताकि मरीज़ों का डेटा और टोकन एन्क्रिप्ट होकर जाएँ। सादा http:// केवल इसी कंप्यूटर पर चल रहे हब के लिए चलता है।</translation>
    </message>
    <message>
        <source>No hub token is set. Enter the token from the hospital in {settings}.</source>
        <translation>कोई हब टोकन नहीं है। अस्पताल से मिला टोकन {settings} में लिखें।</translation>
    </message>
    <message>
        <source>The hub at {url} has no table {table}: the address is wrong, or the hub is not set up yet (on the hub server: `python -m hub setup`, see docs/hub.md). Nothing more was sent.</source>
        <translation>{url} के हब में टेबल {table} नहीं है: या तो पता ग़लत है, या हब अभी सेट अप नहीं हुआ है (हब सर्वर पर: `python -m hub setup`, docs/hub.md देखें)। आगे कुछ नहीं भेजा गया।</translation>
    </message>
    <message>
        <source>The hub is set up for an older dr-screen: it lacks columns this laptop sends ({hub_said}). Nothing more was sent; ask the hospital&apos;s IT staff to run `python -m hub setup` on the hub server (docs/hub.md).</source>
        <translation>हब dr-screen के पुराने संस्करण के लिए सेट अप है: इसमें वे कॉलम नहीं हैं जो यह लैपटॉप भेजता है ({hub_said})। आगे कुछ नहीं भेजा गया; अस्पताल के IT स्टाफ़ से कहें कि हब सर्वर पर `python -m hub setup` चलाएँ (docs/hub.md)।</translation>
    </message>
    <message>
        <source>The hub answered HTTP {status} for {path}.</source>
        <translation>हब ने {path} के लिए HTTP {status} जवाब दिया।</translation>
    </message>
    <message>
        <source>The hub&apos;s {path} is larger than {limit} bytes; not downloaded.</source>
        <translation>हब की {path} {limit} बाइट से बड़ी है; डाउनलोड नहीं की गई।</translation>
    </message>
    <message>
        <source>Could not download {path} from the hub ({reason}).</source>
        <translation>हब से {path} डाउनलोड नहीं हो सकी ({reason})।</translation>
    </message>
    <message>
        <source>The hub at {url} did not show a certificate this computer trusts, so nothing was sent. Ask the hospital&apos;s IT staff.</source>
        <translation>{url} के हब ने ऐसा प्रमाणपत्र नहीं दिखाया जिस पर यह कंप्यूटर भरोसा करता है, इसलिए कुछ नहीं भेजा गया। अस्पताल के IT स्टाफ़ से पूछें।</translation>
    </message>
    <message>
        <source>Could not reach the hub at {url} ({reason}). Check the network connection and try again later, or carry the records on a USB stick (sync export).</source>
        <translation>{url} पर हब तक नहीं पहुँच सके ({reason})। नेटवर्क कनेक्शन जाँचें और बाद में फिर कोशिश करें, या रिकॉर्ड USB स्टिक पर ले जाएँ (sync export)।</translation>
    </message>
    <message>
        <source>The hub refused the token, so nothing more was sent. Ask the hospital for a new token for this laptop and enter it in {settings}. (Hub said: {hub_said})</source>
        <translation>हब ने टोकन नहीं माना, इसलिए आगे कुछ नहीं भेजा गया। इस लैपटॉप के लिए अस्पताल से नया टोकन माँगें और उसे {settings} में लिखें। (हब का जवाब: {hub_said})</translation>
    </message>
    <message>
        <source>The hub did not accept the records (HTTP {status}: {hub_said}). Nothing more was sent; tell the hospital&apos;s IT staff.</source>
        <translation>हब ने रिकॉर्ड स्वीकार नहीं किए (HTTP {status}: {hub_said})। आगे कुछ नहीं भेजा गया; अस्पताल के IT स्टाफ़ को बताएँ।</translation>
    </message>
    <message>
        <source>The answer from {url} was not the hub&apos;s confirmation ({problem}), so the records were not marked as sent. A proxy or a maintenance page may be in the way, or the address is not the hub&apos;s: tell the hospital&apos;s IT staff.</source>
        <translation>{url} से आया जवाब हब की पुष्टि नहीं था ({problem}), इसलिए रिकॉर्ड भेजे गए नहीं माने गए। बीच में कोई प्रॉक्सी या मेंटेनेंस पेज हो सकता है, या यह पता हब का नहीं है: अस्पताल के IT स्टाफ़ को बताएँ।</translation>
    </message>
    <message>
        <source>no answer in time</source>
        <translation>समय पर जवाब नहीं आया</translation>
    </message>
    <message>
        <source>no connection</source>
        <translation>कनेक्शन नहीं</translation>
    </message>
    <message>
        <source>the connection broke off</source>
        <translation>कनेक्शन टूट गया</translation>
    </message>
    <message>
        <source>No hub address is set. Enter it in {settings}.</source>
        <translation>हब का पता नहीं दिया गया है। इसे {settings} में लिखें।</translation>
    </message>
</context>
<context>
    <name>sync_export</name>
    <message>
        <source>The hub key file {file} cannot be read ({reason}).</source>
        <translation>हब कुंजी की फ़ाइल {file} पढ़ी नहीं जा सकती ({reason})।</translation>
    </message>
</context>
<context>
    <name>unlock</name>
    <message>
        <source>The records in {folder} could not be encrypted ({reason}); nothing plain was removed. Check the free disk space, then start dr-screen again.</source>
        <translation>{folder} के रिकॉर्ड एन्क्रिप्ट नहीं हो सके ({reason}); कोई सादी फ़ाइल हटाई नहीं गई। डिस्क पर ख़ाली जगह जाँचें, फिर dr-screen दोबारा शुरू करें।</translation>
    </message>
    <message>
        <source>The backup {name} cannot be used ({problem}); choose an older one.</source>
        <translation>बैकअप {name} इस्तेमाल नहीं हो सकता ({problem}); कोई पुराना बैकअप चुनें।</translation>
    </message>
    <message>
        <source>Only an administrator may restore a backup: that name and PIN are not an administrator&apos;s in this backup.</source>
        <translation>बैकअप केवल एडमिन वापस ला सकते हैं: इस बैकअप में यह नाम और पिन किसी एडमिन के नहीं हैं।</translation>
    </message>
</context>
<context>
    <name>users</name>
    <message>
        <source>administrator</source>
        <translation>एडमिन</translation>
    </message>
    <message>
        <source>technician</source>
        <translation>तकनीशियन</translation>
    </message>
    <message>
        <source>A PIN is {min} to {max} digits (6 or more are harder to guess).</source>
        <translation>पिन {min} से {max} अंकों का होता है (6 या ज़्यादा अंकों वाला पिन अंदाज़ा लगाना मुश्किल होता है)।</translation>
    </message>
    <message>
        <source>Enter a name of 1 to {max} characters for the account.</source>
        <translation>खाते के लिए 1 से {max} अक्षरों का नाम लिखें।</translation>
    </message>
    <message>
        <source>Only an administrator may do this. Ask an administrator to sign in.</source>
        <translation>यह केवल एडमिन कर सकते हैं। किसी एडमिन से साइन इन करने को कहें।</translation>
    </message>
    <message>
        <source>There is already an account with that name.</source>
        <translation>इस नाम का खाता पहले से है।</translation>
    </message>
    <message>
        <source>This laptop already has accounts; an administrator adds new ones.</source>
        <translation>इस लैपटॉप पर पहले से खाते हैं; नए खाते एडमिन जोड़ते हैं।</translation>
    </message>
    <message>
        <source>There is no account with that name.</source>
        <translation>इस नाम का कोई खाता नहीं है।</translation>
    </message>
    <message>
        <source>This is the last active administrator: make another account an administrator first.</source>
        <translation>यह आख़िरी सक्रिय एडमिन है: पहले किसी दूसरे खाते को एडमिन बनाएँ।</translation>
    </message>
    <message>
        <source>Wrong name or PIN.</source>
        <translation>नाम या पिन ग़लत है।</translation>
    </message>
    <message>
        <source>Too many wrong PINs: wait {seconds} s before the next try.</source>
        <translation>बहुत बार ग़लत पिन डाला गया: अगली कोशिश से पहले {seconds} सेकंड रुकें।</translation>
    </message>
    <message>
        <source>Wrong name or PIN. Wait {seconds} s before the next try.</source>
        <translation>नाम या पिन ग़लत है। अगली कोशिश से पहले {seconds} सेकंड रुकें।</translation>
    </message>
    <message>
        <source>The idle lock must be between 1 and 120 minutes.</source>
        <translation>निष्क्रियता पर लॉक 1 से 120 मिनट के बीच होना चाहिए।</translation>
    </message>
</context>
<context>
    <name>vault</name>
    <message>
        <source>The passphrase must have at least {min} characters; a few unrelated words are easy to remember and hard to guess.</source>
        <translation>पासफ़्रेज़ में कम से कम {min} अक्षर होने चाहिए; कुछ असंबंधित शब्द याद रखना आसान और अंदाज़ा लगाना मुश्किल होता है।</translation>
    </message>
    <message>
        <source>That passphrase is too easy to guess (a repeat, a sequence, a common password or a name). Use a few unrelated words, e.g. four words that have nothing to do with the camp.</source>
        <translation>यह पासफ़्रेज़ बहुत आसानी से अनुमान लगाया जा सकता है (दोहराव, क्रम, आम पासवर्ड या कोई नाम)। कुछ असंबंधित शब्द इस्तेमाल करें, जैसे चार ऐसे शब्द जिनका कैंप से कोई लेना-देना न हो।</translation>
    </message>
    <message>
        <source>That is not a recovery key: it has 32 letters and digits in groups of four (ABCD-EFGH-…). Check what was written down.</source>
        <translation>यह रिकवरी कुंजी नहीं है: इसमें चार-चार के समूहों में 32 अक्षर और अंक होते हैं (ABCD-EFGH-…)। जो लिखा गया था, उसे जाँचें।</translation>
    </message>
    <message>
        <source>{file} is damaged or unreadable ({reason}). Without it the records cannot be opened: restore it from a copy of the data folder.</source>
        <translation>{file} ख़राब है या पढ़ी नहीं जा सकती ({reason})। इसके बिना रिकॉर्ड नहीं खुल सकते: इसे डेटा फ़ोल्डर की किसी कॉपी से वापस लाएँ।</translation>
    </message>
    <message>
        <source>{file} asks for weaker passphrase protection ({memory} KiB, {passes} passes) than dr-screen allows ({min_memory} KiB, {min_passes} passes). dr-screen never writes such a file: someone changed it, perhaps to make the passphrase easier to guess. The records were not opened. Unlock with the recovery key (`python -m desktop passphrase recover`), which sets the passphrase again with dr-screen&apos;s own protection, and tell the programme&apos;s administrator.</source>
        <translation>{file} पासफ़्रेज़ के लिए dr-screen की अनुमति ({min_memory} KiB, {min_passes} पास) से कमज़ोर सुरक्षा ({memory} KiB, {passes} पास) माँगती है। dr-screen ऐसी फ़ाइल कभी नहीं लिखता: किसी ने इसे बदला है, शायद पासफ़्रेज़ का अनुमान आसान बनाने के लिए। रिकॉर्ड नहीं खोले गए। रिकवरी कुंजी से खोलें (`python -m desktop passphrase recover`), जो dr-screen की अपनी सुरक्षा के साथ पासफ़्रेज़ फिर से सेट करती है, और कार्यक्रम के एडमिन को बताएँ।</translation>
    </message>
    <message>
        <source>Wrong passphrase. Check the keyboard language and Caps Lock, then try again. Forgotten? Use the recovery key.</source>
        <translation>पासफ़्रेज़ ग़लत है। कीबोर्ड की भाषा और Caps Lock जाँचें, फिर दोबारा कोशिश करें। भूल गए? रिकवरी कुंजी इस्तेमाल करें।</translation>
    </message>
    <message>
        <source>That recovery key does not open this laptop&apos;s records. Check what was written down (it belongs to one laptop).</source>
        <translation>यह रिकवरी कुंजी इस लैपटॉप के रिकॉर्ड नहीं खोलती। जो लिखा गया था, उसे जाँचें (हर कुंजी एक ही लैपटॉप की होती है)।</translation>
    </message>
    <message>
        <source>The database library in use is not SQLCipher, so nothing was opened (a plain SQLite library took its place: TensorFlow loaded before dr-screen&apos;s database does this). Start dr-screen on its own.</source>
        <translation>इस्तेमाल हो रही डेटाबेस लाइब्रेरी SQLCipher नहीं है, इसलिए कुछ नहीं खोला गया (उसकी जगह सादी SQLite लाइब्रेरी आ गई: dr-screen के डेटाबेस से पहले TensorFlow लोड होने पर ऐसा होता है)। dr-screen को अकेले चलाएँ।</translation>
    </message>
</context>
</TS>
