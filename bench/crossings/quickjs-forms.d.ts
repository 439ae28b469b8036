// The type constant componentize-qjs names for the crossings' `stream<book>`
// (wit/forms.wit), added to the `wit` global that
// components/shared/quickjs-wit.d.ts declares.
declare namespace wit {
  interface StreamFactory {
    readonly BOOK: TypeConstant;
  }
}
