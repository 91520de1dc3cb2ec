package io.github.ocservnat.nft.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NftExceptionTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Error: syntax error, unexpected newline| SYNTAX",
        "Error: Could not process rule: Operation not permitted| PERMISSION_DENIED",
        "Error: Could not process rule: No such file or directory| NOT_FOUND",
        "Error: Could not process rule: File exists| ALREADY_EXISTS",
        "Error: Could not process rule: Operation not supported| NOT_SUPPORTED",
        "Error: Could not process rule: Address family not supported by protocol| NOT_SUPPORTED",
        "Error: Could not process rule: Device or resource busy| OTHER",
      })
  void classifiesNftErrors(String text, NftException.Kind kind) {
    NftException e = NftException.fromNftError(text + "\nadd table x\n^^^\n");

    assertThat(e.kind()).isEqualTo(kind);
    assertThat(e.getMessage()).isEqualTo(text);
    assertThat(e.nftError()).isEqualTo(text + "\nadd table x\n^^^\n");
  }
}
