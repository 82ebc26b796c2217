package berlin.projekte.web;

import java.util.List;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;

/** Reads the {@link JsonBody} records of the write API with {@link RequestBinding}; writes nothing. */
final class JsonBodyConverter implements HttpMessageConverter<Object> {

    private final RequestBinding binding;

    JsonBodyConverter(RequestBinding binding) {
        this.binding = binding;
    }

    @Override
    public boolean canRead(Class<?> type, MediaType mediaType) {
        return type.isAnnotationPresent(JsonBody.class) && (mediaType == null || MediaType.APPLICATION_JSON.isCompatibleWith(mediaType));
    }

    @Override
    public boolean canWrite(Class<?> type, MediaType mediaType) {
        return false;
    }

    @Override
    public List<MediaType> getSupportedMediaTypes() {
        return List.of(MediaType.APPLICATION_JSON);
    }

    @Override
    public Object read(Class<?> type, HttpInputMessage input) throws HttpMessageNotReadableException {
        try {
            return binding.read(binding.tree(input.getBody()), type);
        } catch (JacksonException | java.io.IOException e) {
            // Malformed JSON, or a body over the size limit (ApiErrorHandler tells them apart).
            throw new HttpMessageNotReadableException("Malformed JSON request body.", e, input);
        }
    }

    @Override
    public void write(Object value, MediaType contentType, HttpOutputMessage output) {
        throw new UnsupportedOperationException();
    }
}
