-- What a deploy that changes reference data ships (ReferenceDataMigrationTest).
update district set name = 'Mitte (neu)' where short_code = 'mi';
update topic set label_de = 'Stadtentwicklung (neu)' where code = 'URB';
